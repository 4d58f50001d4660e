import type { CallHandler } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { firstValueFrom, of } from 'rxjs';
import { CreatedAt, expectedRevisionFrom, RevisionAsEtag, RevisionEtagInterceptor } from './etag';

class Routes {
  @RevisionAsEtag()
  command() {}

  @RevisionAsEtag()
  @CreatedAt((result: { id: string }) => `/things/${result.id}`)
  create() {}

  plain() {}
}

// What the framework's adapter is asked to set, whatever its response object is.
const answer = async (route: keyof Routes, result: unknown) => {
  const set: Record<string, string> = {};
  const adapter = { setHeader: (_response: unknown, name: string, value: string) => (set[name] = value) };
  const context = new ExecutionContextHost([{ headers: {} }, {}], Routes, Routes.prototype[route]);
  const next: CallHandler = { handle: () => of(result) };
  const body = await firstValueFrom(new RevisionEtagInterceptor(adapter).intercept(context, next));
  return { body, set };
};

describe('the answer of a route, from what it returns', () => {
  it('carries the revision it returns as a strong ETag, and the body unchanged', async () => {
    const result = { id: 't-1', revision: 3 };
    expect(await answer('command', result)).toEqual({ body: result, set: { ETag: '"3"' } });
  });

  it('has no ETag when the answer has no revision (an employee summary of an organisation)', async () => {
    expect((await answer('command', { id: 'o-1', name: 'Zorg BV' })).set).toEqual({});
    expect((await answer('command', { revision: '3' })).set).toEqual({});
  });

  it('names what a create made as Location', async () => {
    expect((await answer('create', { id: 't-9', revision: 0 })).set).toEqual({
      ETag: '"0"',
      Location: '/things/t-9',
    });
  });

  it('sets nothing on a route that declares neither', async () => {
    expect((await answer('plain', { revision: 1 })).set).toEqual({});
  });
});

describe('If-Match, read from the headers of any framework', () => {
  it('is the revision of a strong tag, absent when not sent', () => {
    expect(expectedRevisionFrom({ headers: { 'if-match': ' "12" ' } })).toBe(12);
    expect(expectedRevisionFrom({ headers: {} })).toBeUndefined();
  });

  it('refuses * and weak tags, naming If-Match', () => {
    for (const value of ['*', 'W/"3"', '3'])
      expect(() => expectedRevisionFrom({ headers: { 'if-match': value } })).toThrow(/^If-Match: must /);
  });
});
