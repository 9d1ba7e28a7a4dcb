import { MessageModel } from "./Message.interface";

/** How the baseline trades: follow an EMA crossover, or fade a stretch from the mean. */
export type BaselineMode = "trend" | "reversion";

/** The parameters the baseline's strategy answer chooses and its signal answer follows. */
export interface IBaselineParameters {
  mode: BaselineMode;
  /** Fast EMA length in bars of the main timeframe (trend mode only). */
  fastEma: number;
  /** Slow EMA length (trend) or mean window (reversion) in bars of the main timeframe. */
  slowEma: number;
  /** Distance of the take-profit from the entry, in percent. */
  takeProfitPercent: number;
  /** Distance of the stop-loss from the entry, in percent. */
  stopLossPercent: number;
  /** Lifetime of a position in minutes (minuteEstimatedTime). */
  holdMinutes: number;
}

/** The body of an Ollama `/api/chat` request, as far as the baseline reads it. */
export interface IBaselineChatRequest {
  model?: string;
  messages: MessageModel[];
  /** Absent: the strategy question. "json" or a JSON schema: the signal question. */
  format?: string | object | null;
  stream?: boolean;
  /** Sampling options; ignored, the baseline is deterministic. */
  options?: object;
}

/** The baseline's answer to the signal question, always with every field. */
export interface IBaselineSignal {
  position: "wait" | "long" | "short";
  note: string;
  priceOpen: number;
  priceTakeProfit: number;
  priceStopLoss: number;
  minuteEstimatedTime: number;
}

/** Options of `serveBaselineModel`. */
export interface IBaselineModelOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on; 127.0.0.1 by default. */
  hostname?: string;
  /** Model name listed by /api/tags; baseline:latest by default. */
  model?: string;
}

/** A running baseline model server. */
export interface IBaselineModelServer {
  /** Base URL for an Ollama client, e.g. http://127.0.0.1:41234. */
  host: string;
  /** The model name it lists. */
  model: string;
  /** Stops listening and resolves once the server has closed. */
  close(): Promise<void>;
}
