/**
 * "Please reply to this email, and we will reassess the priority" (seed 003): a reply asking for
 * that, in English or Dutch, or following the reassessment link of our mail.
 */
const ASKS_TO_REASSESS = [
  /\breassess/i,
  /\bre-assess/i,
  /\bherbeoordel/i,
  /\bopnieuw (te )?beoordelen\b/i,
  /\/reassessment\b/i,
];

export const asksForReassessment = (text: string) => ASKS_TO_REASSESS.some((pattern) => pattern.test(text));
