/**
 * A string as one flat sequence of characters. V8 builds concatenations and JSON.stringify's
 * results as ropes of parts (a derived event id is nine parts, about 300 bytes more than its
 * 36 characters); converting the string to a number makes V8 flatten it in place, and the next
 * garbage collection drops the parts. For strings kept in memory for long, 100,000s of them.
 */
export const flatString = (text: string): string => {
  void Number(text);
  return text;
};

/** JSON text to keep in memory for long: flat (a 500-character document's rope is a third more). */
export const compactJson = (value: unknown): string => flatString(JSON.stringify(value));
