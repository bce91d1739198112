package dev.awaitable.weaver;

/**
 * Deliberate defects the weaver can be switched into, so the tests can show that the fixture
 * suite catches each: a weaver that drops a spill or restores in the wrong order must not pass.
 * Package-private: only the weaver's own tests set it.
 */
enum Mutation {
    /** The weaver as it should be. */
    NONE,
    /** At each suspension, the first spilled local is not written to its field (it is still restored). */
    SKIP_ONE_SPILL,
    /** At each resumption, the first two restored locals of the same kind are restored from each other's field. */
    MISORDER_RESTORE;

    /** The defect in force; {@link #NONE} outside the mutation tests. */
    static volatile Mutation active = NONE;
}
