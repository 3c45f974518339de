/** Ground truth for testing selection: strategies whose edge is known, registered only in tests (withStrategies). */
export { oracle, OracleParams, type Truth } from "./oracle.ts";
export { coinFlip, CoinFlipParams } from "./coinFlip.ts";
export { playWindows, type ScriptedWindow, type PlayedEntry } from "./playWindows.ts";
export { settledReturns } from "./settledReturns.ts";
export { edgeFigures, type EdgeFigures } from "./edgeFigures.ts";
export { runSelectionSim, SELECTION_CONFIG, type SelectionRun } from "./runSelectionSim.ts";
