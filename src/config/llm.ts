/** Ollama endpoint when neither OLLAMA_HOST nor an option names one (as the reference). */
export const DEFAULT_OLLAMA_HOST = "https://ollama.com";

/** Model when neither OLLAMA_MODEL nor an option names one (as the reference). */
export const DEFAULT_OLLAMA_MODEL = "deepseek-v3.1:671b";

/**
 * Environment variables the LLM helpers read at call time (the endpoint, model and key
 * variables of each protocol are in LLM_PROVIDERS; keys are sent, written nowhere).
 */
export const LLM_ENV = {
  /** The endpoint protocol: "ollama" (default) or "openai". */
  provider: "BACKTEST_KIT_LLM_PROVIDER",
  /** Directory of the response cache. */
  cacheDir: "BACKTEST_KIT_LLM_CACHE_DIR",
  /** "off", "0" or "false" turns the response cache off; a redis:// or rediss:// URL puts it in Redis. */
  cache: "BACKTEST_KIT_LLM_CACHE",
} as const;

/** Base URL of the OpenAI-compatible endpoint when neither OPENAI_BASE_URL nor an option names one. */
const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";

/**
 * Per protocol: the environment variables of endpoint, model and key, and the defaults.
 * No OpenAI model is assumed: an endpoint serves whatever it serves, so it must be named.
 */
export const LLM_PROVIDERS = {
  ollama: { host: "OLLAMA_HOST", model: "OLLAMA_MODEL", apiKey: "OLLAMA_API_KEY", defaultHost: DEFAULT_OLLAMA_HOST, defaultModel: DEFAULT_OLLAMA_MODEL },
  openai: { host: "OPENAI_BASE_URL", model: "OPENAI_MODEL", apiKey: "OPENAI_API_KEY", defaultHost: DEFAULT_OPENAI_BASE_URL, defaultModel: null },
} as const;

/** The protocols, in the order error messages list them. */
export const LLM_PROVIDER_NAMES = Object.keys(LLM_PROVIDERS) as Array<keyof typeof LLM_PROVIDERS>;

/** Where the response cache lives when nothing else says, relative to the working directory. */
export const DEFAULT_LLM_CACHE_DIR = ".backtest-kit/llm-cache";

/** Prefix of the Redis keys of response cache entries (followed by the request's cache key). */
export const LLM_REDIS_KEY_PREFIX = "backtest-kit:llm-cache:";

/** The system prompt of a signal request. */
export const SIGNAL_SYSTEM_PROMPT = [
  "Read the trading strategy and return a trading signal.",
  "",
  "RULES FOR OPENING POSITIONS:",
  "",
  "1. POSITION TYPES:",
  "   - position='wait': no clear signal, wait for better conditions",
  "   - position='long': bullish signal, the price is expected to rise",
  "   - position='short': bearish signal, the price is expected to fall",
  "",
  "2. ENTRY PRICE (priceOpen):",
  "   - may be the current market price for an immediate entry",
  "   - may be a pending price, entered when the market reaches it",
  "   - choose the best entry according to technical analysis",
  "",
  "3. EXIT LEVELS:",
  "   - LONG: priceTakeProfit > priceOpen > priceStopLoss",
  "   - SHORT: priceStopLoss > priceOpen > priceTakeProfit",
  "   - levels need a technical reason (Fibonacci, support/resistance, Bollinger)",
  "",
  "4. TIMING:",
  "   - minuteEstimatedTime: expected whole minutes until the take profit (at most 360)",
  "   - estimate it from ATR, ADX, MACD, momentum and slope",
  "   - compute any indicator or oscillator that is not given",
].join("\n");

/** The JSON schema a signal answer must follow (Ollama structured output). */
export const SIGNAL_FORMAT = {
  type: "object",
  properties: {
    position: {
      type: "string",
      enum: ["wait", "long", "short"],
      description: "Trade decision: wait (no signal), long (buy) or short (sell)",
    },
    note: {
      type: "string",
      description: "Professional trading recommendation with price levels",
    },
    priceOpen: {
      type: "number",
      description: "Entry price (current market price or a limit price)",
    },
    priceTakeProfit: {
      type: "number",
      description: "Take profit price",
    },
    priceStopLoss: {
      type: "number",
      description: "Stop loss price",
    },
    minuteEstimatedTime: {
      type: "number",
      description: "Expected whole minutes until the take profit (at most 360)",
    },
  },
  required: ["position", "note", "priceOpen", "priceTakeProfit", "priceStopLoss", "minuteEstimatedTime"],
};

/** Added to the signal system prompt of a blind request (askSignal with `blind: true`). */
export const BLIND_SIGNAL_NOTE = [
  "5. BLIND SCALE:",
  "   - the asset is called ASSET and times are relative to now (t0); no dates are given",
  "   - prices are percent of the last close (100 = the last close); volumes are percent of their mean",
  "   - answer priceOpen, priceTakeProfit and priceStopLoss on the same scale",
].join("\n");

/** Environment variable that sets blind mode at run time: on/1/true/yes or off/0/false/no. */
export const BLIND_ENV = "BACKTEST_KIT_BLIND";
/**
 * Environment variable naming a JSON file of model prices, `{ "MODEL": { "input": USD,
 * "output": USD } }` per million tokens (CC_LLM_PRICES entries win over the file's).
 */
export const LLM_PRICES_ENV = "BACKTEST_KIT_LLM_PRICES";

/** The port `backtest-kit baseline` serves the baseline model on unless --port says otherwise. */
export const BASELINE_DEFAULT_PORT = 11435;

/**
 * The model host a generated file asks (unless OLLAMA_HOST is set) when its optimizer named a
 * baseline model this process started on a random port: where `backtest-kit baseline` listens.
 */
export const BASELINE_DEFAULT_HOST = `http://127.0.0.1:${BASELINE_DEFAULT_PORT}`;
