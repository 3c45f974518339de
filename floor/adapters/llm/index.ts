// An OpenAI-compatible chat-completions client for the LLM analyst: request building, a
// zod-checked answer, timeout, rate limit, daily token budget, bounded retries honouring
// Retry-After, and a cache per window. No agent behaviour here; the strategy imports this surface.
export { analystClient, resolveEndpoint } from "./analystClient.ts";
export type { AnalystClient, AnalystClientOptions, AnalystClientState, AskFailure, AskResult, EndpointConfig } from "./analystClient.ts";
export { fetchTransport } from "./chatTransport.ts";
export type { ChatBody, ChatReply, ChatTransport } from "./chatTransport.ts";
export { ChatCompletionResponse } from "./request.ts";
export { DailyBudget, TokenBucket, utcDay } from "./limits.ts";
export type { DailyBudgetState } from "./limits.ts";
export { AnalystAnswer, chatRequest, parseAnswer, SYSTEM_PROMPT, userPrompt } from "./request.ts";
export type { AnalystFeatures, ChatRequest, ParsedAnswer } from "./request.ts";
