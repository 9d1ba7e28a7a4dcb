import backtest from "../lib/index";

/**
 * backtest-kit 1.4's `lib`, narrowed to what 1.4 code reaches through it here: the risk
 * profiles' shared portfolios (`lib.riskGlobalService.checkSignal / addSignal /
 * removeSignal / clear`). The rest of the container stays internal.
 */
export const lib = Object.freeze({
  riskGlobalService: backtest.riskGlobalService,
});
