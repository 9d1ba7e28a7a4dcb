import backtest from "../lib/index";
import { IOptimizerSchema } from "../interfaces/Optimizer.interface";
import { IExchangeSchema } from "../interfaces/Exchange.interface";
import { IFrameSchema } from "../interfaces/Frame.interface";
import { IStrategySchema } from "../interfaces/Strategy.interface";
import { IWalkerSchema } from "../interfaces/Walker.interface";
import { IRiskSchema } from "../interfaces/Risk.interface";
import { ISizingSchema } from "../interfaces/Sizing.interface";

/** The two services every kind of schema is registered with. */
interface ISchemaStore<T> {
  validateShallow(schema: T): void;
  register(name: string, schema: T): void;
}

/**
 * Checks `schema` (throws naming the field), refuses a taken name, then stores it: a
 * rejected schema leaves nothing behind.
 */
const registerSchema = <T extends object>(
  source: string,
  schema: T,
  nameField: keyof T & string,
  schemaService: ISchemaStore<T>,
  validationService: { add(name: string, schema: T): void }
) => {
  const name = (schema as Record<string, unknown> | null)?.[nameField];
  backtest.loggerService.info(source, { [nameField]: name });
  schemaService.validateShallow(schema);
  validationService.add(name as string, schema);
  schemaService.register(name as string, schema);
};

/**
 * Registers an optimizer: data sources, training ranges (one generated strategy each),
 * a test range for the generated walker, and getPrompt, which turns a range's
 * conversation into a strategy description. A malformed schema or a taken name throws
 * here, naming the field, and leaves nothing registered.
 *
 * @example
 * addOptimizer({
 *   optimizerName: "btc-llm",
 *   rangeTrain: [{ startDate: new Date("2023-03-01"), endDate: new Date("2023-03-07") }],
 *   rangeTest: { startDate: new Date("2023-03-08"), endDate: new Date("2023-03-09") },
 *   source: [async ({ limit, offset }) => rows.slice(offset, offset + limit)],
 *   getPrompt: async (symbol, messages) => "Buy dips to the 1h support",
 * });
 */
export function addOptimizer(optimizerSchema: IOptimizerSchema): void {
  registerSchema("add.addOptimizer", optimizerSchema, "optimizerName", backtest.optimizerSchemaService, backtest.optimizerValidationService);
}

/**
 * Registers an exchange: where candles come from (`getCandles(symbol, interval, since,
 * limit)`) and how prices and quantities are printed. A malformed schema or a taken name
 * throws here.
 *
 * @example
 * addExchange({
 *   exchangeName: "local",
 *   getCandles: async (symbol, interval, since, limit) => readCandles(symbol, interval, since, limit),
 *   formatPrice: async (symbol, price) => price.toFixed(2),
 *   formatQuantity: async (symbol, quantity) => quantity.toFixed(8),
 * });
 */
export function addExchange(exchangeSchema: IExchangeSchema): void {
  registerSchema("add.addExchange", exchangeSchema, "exchangeName", backtest.exchangeSchemaService, backtest.exchangeValidationService);
}

/**
 * Registers a frame: the ticks of a backtest, from startDate stepping by `interval` while
 * <= endDate. Invalid dates, endDate before startDate and unknown intervals throw here.
 *
 * @example
 * addFrame({
 *   frameName: "march",
 *   interval: "1m",
 *   startDate: new Date("2023-03-01T00:00:00Z"),
 *   endDate: new Date("2023-03-07T23:59:00Z"),
 * });
 */
export function addFrame(frameSchema: IFrameSchema): void {
  registerSchema("add.addFrame", frameSchema, "frameName", backtest.frameSchemaService, backtest.frameValidationService);
}

/**
 * Registers a strategy: getSignal(symbol, when) is asked at most once per `interval`
 * while no signal is open or scheduled. An unknown interval throws here.
 *
 * @example
 * addStrategy({
 *   strategyName: "dip-buyer",
 *   interval: "5m",
 *   getSignal: async (symbol) => {
 *     const [candle] = await getCandles(symbol, "5m", 1);
 *     return candle.close < candle.open * 0.99
 *       ? { position: "long", priceTakeProfit: candle.close * 1.01,
 *           priceStopLoss: candle.close * 0.99, minuteEstimatedTime: 120 }
 *       : null;
 *   },
 * });
 */
export function addStrategy(strategySchema: IStrategySchema): void {
  registerSchema("add.addStrategy", strategySchema, "strategyName", backtest.strategySchemaService, backtest.strategyValidationService);
}

/**
 * Registers a walker: strategies backtested on one exchange and frame and ranked by
 * `metric` (sharpeRatio by default). The names it uses are checked when it runs.
 *
 * @example
 * addWalker({
 *   walkerName: "compare",
 *   exchangeName: "local",
 *   frameName: "march",
 *   strategies: ["dip-buyer", "ema-cross"],
 * });
 */
export function addWalker(walkerSchema: IWalkerSchema): void {
  registerSchema("add.addWalker", walkerSchema, "walkerName", backtest.walkerSchemaService, backtest.walkerValidationService);
}

/**
 * Registers a risk profile (backtest-kit 1.4): validations that every signal of a
 * strategy with this `riskName` must pass before it opens, seeing the positions open
 * under the profile across strategies and symbols. A validation refuses by throwing; the
 * refusal goes to listenValidation and to the backtest report.
 *
 * @example
 * addRisk({
 *   riskName: "max-3",
 *   validations: [({ activePositionCount }) => {
 *     if (activePositionCount >= 3) throw new Error("3 positions open already");
 *   }],
 * });
 */
export function addRisk(riskSchema: IRiskSchema): void {
  registerSchema("add.addRisk", riskSchema, "riskName", backtest.riskSchemaService, backtest.riskValidationService);
}

/**
 * Registers a position sizing schema (backtest-kit 1.4) for `PositionSize`: method
 * "fixed-percentage" (riskPercentage), "kelly-criterion" (kellyMultiplier, default 0.25)
 * or "atr-based" (riskPercentage, atrMultiplier default 2), with optional limits.
 *
 * @example
 * addSizing({ sizingName: "risk-2pct", method: "fixed-percentage", riskPercentage: 2 });
 */
export function addSizing(sizingSchema: ISizingSchema): void {
  registerSchema("add.addSizing", sizingSchema, "sizingName", backtest.sizingSchemaService, backtest.sizingValidationService);
}
