package dev.awaitable.reliability.weaving;

import java.util.List;

/**
 * A generated direct-style Java program as a small typed tree: a main body (an instance lambda
 * given to {@code Async.run}) and helper bodies (static methods returning {@code Async.run} of a
 * lambda), each returning a String checksum. {@link JavaPrinter} prints it as Java source,
 * {@link Interpreter} runs it synchronously as the reference.
 *
 * <p>Names are unique in a program, so scopes never shadow one another, and a jump or a use of
 * a variable can be checked ({@link Validity}) without javac.
 *
 * @param className the simple name of the generated class (package {@link #PACKAGE})
 * @param helpers helper bodies, {@code h0(src, log, p)} ...; helper i calls only helpers below i
 * @param main the main body
 */
record Program(String className, List<Body> helpers, Body main) {

    static final String PACKAGE = "gen";

    Program withName(String name) {
        return new Program(name, helpers, main);
    }

    String internalName() {
        return PACKAGE + "/" + className;
    }

    String binaryName() {
        return PACKAGE + "." + className;
    }

    /** A body's statements; its result is the {@code result} expression after them. */
    record Body(Block block, Expr result) {}

    enum ValueType {
        INT("int", "Int"),
        LONG("long", "Long"),
        DOUBLE("double", "Double"),
        BOOL("boolean", "Bool"),
        STR("String", "Str");

        final String java;
        /** Suffix of the source method that produces this type ({@code src.nextInt}). */
        final String source;

        ValueType(String java, String source) {
            this.java = java;
            this.source = source;
        }
    }

    /* ---------------- Expressions ---------------- */

    sealed interface Expr {
        ValueType type();
    }

    /** A literal: Integer, Long, Double, Boolean or String. */
    record Lit(ValueType type, Object value) implements Expr {}

    /** A local, parameter, loop counter or (name {@code fld}) the program's instance field. */
    record Var(ValueType type, String name, VarKind kind) implements Expr {}

    enum VarKind {
        LOCAL,
        /** An {@code Integer} local, read through {@code intValue()}. */
        BOXED,
        FIELD
    }

    /** {@code array[index & 3]} of an {@code int[4]}. */
    record ArrayRead(String array, Expr index) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.INT;
        }
    }

    record Bin(ValueType type, Op op, Expr left, Expr right) implements Expr {}

    enum Op {
        ADD("+"),
        SUB("-"),
        MUL("*"),
        DIV("/"),
        REM("%"),
        AND("&"),
        XOR("^"),
        LT("<"),
        LE("<="),
        EQ("=="),
        NE("!="),
        ANDAND("&&"),
        OROR("||"),
        /** String concatenation: at least one operand is a String. */
        CONCAT("+");

        final String java;

        Op(String java) {
            this.java = java;
        }
    }

    /** Negation, logical not, or a primitive cast to {@code type}. */
    record Unary(ValueType type, UOp op, Expr operand) implements Expr {}

    enum UOp {
        NEG,
        NOT,
        CAST
    }

    record Cond(ValueType type, Expr cond, Expr then, Expr otherwise) implements Expr {}

    /** {@code Async.await(src.nextT(value))}: completes or faults as the schedule says. */
    record Await(ValueType type, Expr value) implements Expr {}

    /** A library call; the first argument of a receiver call is the receiver. */
    record Call(ValueType type, Fn fn, List<Expr> args) implements Expr {}

    enum Fn {
        /** {@code Math.max(int, int)}. */
        MAX,
        /** {@code Long.hashCode(long)}. */
        LONG_HASH,
        /** {@code s.length()}. */
        LENGTH,
        /** {@code a.equals(b)}. */
        EQUALS,
        /** {@code new Pair(int, String).text()}: an object built with its arguments on the stack. */
        PAIR
    }

    /** {@code Async.await(Async.run(() -> { body; return result; }))}, awaited in place. */
    record Nested(ValueType type, Body body) implements Expr {}

    /** {@code Async.await(hN(src, log, arg))}: a call into a helper body. */
    record HelperCall(int helper, Expr arg) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.STR;
        }
    }

    /** {@code e.getMessage()} of a caught exception. */
    record Message(String exception) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.STR;
        }
    }

    /* ---------------- Statements ---------------- */

    sealed interface Stmt {}

    record Block(List<Stmt> stmts) implements Stmt {}

    /** {@code [final] T name = init;}; {@code boxed} declares an {@code Integer}. */
    record Decl(ValueType type, String name, Expr init, boolean isFinal, boolean boxed) implements Stmt {}

    /** {@code final int[] name = {e0, e1, e2, e3};}. */
    record DeclArray(String name, List<Expr> init) implements Stmt {}

    /** {@code target op value;} with op one of {@code = += -= *=}. */
    record Assign(Var target, String op, Expr value) implements Stmt {}

    /** {@code array[index & 3] op value;}. */
    record ArrayAssign(String array, Expr index, String op, Expr value) implements Stmt {}

    /** {@code log.add(value);}. */
    record Log(Expr value) implements Stmt {}

    record If(Expr cond, Block then, Block otherwise) implements Stmt {}

    /**
     * An arrow-form switch statement on an int or String selector; {@code labels} are Integer or
     * String constants, one per case block.
     */
    record Switch(Expr selector, List<Object> labels, List<Block> cases, Block otherwise) implements Stmt {}

    enum LoopKind {
        FOR,
        WHILE,
        DO
    }

    /**
     * A loop run at most 3 times: {@code for (int c = 0; c < (bound & 3); c++)}, {@code int c = 0;
     * while (c++ < (bound & 3))}, {@code int c = 0; do ... while (c++ < (bound & 3));}, with an
     * optional label.
     */
    record Loop(LoopKind kind, String label, String counter, Expr bound, Block body) implements Stmt {}

    enum JumpKind {
        BREAK,
        CONTINUE
    }

    /** {@code if (cond) { break label; }}: a jump never leaves following code unreachable. */
    record Jump(JumpKind kind, String label, Expr cond) implements Stmt {}

    /** {@code if (cond) { return value; }}. */
    record Return(Expr cond, Expr value) implements Stmt {}

    /** {@code if (cond) { throw new IllegalStateException(message); }}. */
    record Throw(Expr cond, Expr message) implements Stmt {}

    /**
     * A try statement; with {@code resource} non-null, a try-with-resources over
     * {@code Res resourceName = new Res(log, resource)}.
     */
    record Try(String resourceName, Expr resource, Block body, List<Catch> catches, Block finallyBlock)
            implements Stmt {}

    /** {@code catch (type var) body}; type is a simple name from {@link #CATCH_TYPES}. */
    record Catch(String type, String var, Block body) {}

    /** Catchable types, most specific first (so any ordered subset compiles). */
    static final List<String> CATCH_TYPES = List.of("SourceFault", "IllegalStateException", "RuntimeException");
}
