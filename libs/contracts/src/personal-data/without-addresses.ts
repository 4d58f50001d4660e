// An address as remote servers write it in a diagnostic, bracketed or not.
const ADDRESS = /<?[^\s<>@"';,()]+@[^\s<>@"';,()]+\.[^\s<>@"';,()]+>?/g;

/**
 * A mail server's words (a bounce's diagnostic) as the desk records them: without the addresses
 * they name (usually the recipient's), which would otherwise stay in clear in the event store and
 * on the topics after the person is erased. What went wrong is in the words and the status code.
 */
export const withoutAddresses = (text: string) => text.replace(ADDRESS, '<address>');
