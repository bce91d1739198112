/** The statemachine backend: C#-shaped async state machines, builders, scheduler and timers. */
module dev.awaitable.statemachine {
    requires transitive dev.awaitable;
    requires org.slf4j;

    exports dev.awaitable.statemachine;

    provides dev.awaitable.spi.AsyncBackend with
            dev.awaitable.statemachine.StatemachineBackend;
}
