/** Where the generated contract files live, relative to the repository root. */
export const ASYNCAPI_FILE = 'libs/contracts/asyncapi.json';
export const PUBLISHED_DIR = 'libs/contracts/published';
export const publishedExampleFile = (type: string) => `${PUBLISHED_DIR}/${type}.json`;
