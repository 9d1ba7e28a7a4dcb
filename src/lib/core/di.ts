import { createActivator } from "di-kit";

/** The library's own DI container: services are provided by token and injected lazily. */
export const { init, inject, provide } = createActivator("backtest");
