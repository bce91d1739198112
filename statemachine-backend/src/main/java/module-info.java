/** The statemachine backend: C#-shaped async state machines, builders, scheduler and timers. */
module dev.awaitable.statemachine {
    requires dev.awaitable;

    exports dev.awaitable.statemachine;

    provides dev.awaitable.spi.AsyncBackend with dev.awaitable.statemachine.StatemachineBackend;
}
