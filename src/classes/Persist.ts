import backtest from "../lib/index";

/**
 * Open positions of live runs (and each run's own state), one store per symbol and
 * strategy under ./dump/data/signal/. `usePersistSignalAdapter(Ctor)` plugs in another
 * store (Ctor: `new (entityName, baseDir)` with waitForInit, readValue, hasValue, writeValue).
 *
 * @example
 * class MemoryStore { constructor() { this.map = new Map(); } async waitForInit() {}
 *   async readValue(id) { return this.map.get(id); } async hasValue(id) { return this.map.has(id); }
 *   async writeValue(id, value) { this.map.set(id, value); } }
 * PersistSignalAdapter.usePersistSignalAdapter(MemoryStore);
 */
export const PersistSignalAdapter = backtest.persistConnectionService.signal;

/** Signals of live runs waiting for their entry price; `usePersistScheduleAdapter(Ctor)` plugs in another store. */
export const PersistScheduleAdapter = backtest.persistConnectionService.schedule;

/** Active positions of risk profiles; `usePersistRiskAdapter(Ctor)` plugs in another store. */
export const PersistRiskAdapter = backtest.persistConnectionService.risk;

/** Partial profit/loss levels reached by signals; `usePersistPartialAdapter(Ctor)` plugs in another store. */
export const PersistPartialAdapter = backtest.persistConnectionService.partial;
