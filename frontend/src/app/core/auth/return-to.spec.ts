import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it('keeps a path of this app, with its query and fragment', () => {
    expect(safeReturnTo('/mobilities')).toBe('/mobilities');
    expect(safeReturnTo('/mobilities?q=lena&page=2#top')).toBe('/mobilities?q=lena&page=2#top');
    expect(safeReturnTo('/projects/4f7c/mobilities/new')).toBe('/projects/4f7c/mobilities/new');
  });

  it('goes to the start page for anything else', () => {
    for (const value of [
      undefined,
      null,
      '',
      'mobilities',
      'https://evil.example/',
      '//evil.example/path',
      '/\\evil.example',
      '/\\/evil.example',
      'javascript:alert(1)',
      '/mobilities\n',
      '/\tevil',
      42,
    ]) {
      expect(safeReturnTo(value)).toBe('/');
    }
  });

  it('never returns to the pages of signing in', () => {
    expect(safeReturnTo('/sign-in')).toBe('/');
    expect(safeReturnTo('/sign-in?returnTo=%2Fprojects')).toBe('/');
    expect(safeReturnTo('/sign-in/link/abc')).toBe('/');
    expect(safeReturnTo('/forgot-password')).toBe('/');
    expect(safeReturnTo('/reset-password/abc')).toBe('/');
    expect(safeReturnTo('/sign-in-help')).toBe('/sign-in-help');
  });
});
