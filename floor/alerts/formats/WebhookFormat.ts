/** How one service wants a message: the JSON body for `text`, and the most characters it takes in one. */
export interface WebhookFormat {
  maxChars: number;
  body(text: string, chatId: string | number | undefined): Record<string, unknown>;
}
