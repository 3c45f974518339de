export { describeNetError, netErrorText } from "./describeNetError.ts";
