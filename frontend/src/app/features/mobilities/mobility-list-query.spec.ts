import {
  ariaSort,
  EMPTY_STATE,
  isFiltered,
  paramsOf,
  queryStringOf,
  requestOf,
  stateFromParams,
  toggledSort,
} from './mobility-list-query';

const from = (query: string) => {
  const params = new URLSearchParams(query);
  return stateFromParams((name) => params.get(name));
};

describe('mobility list query', () => {
  it('reads the filters from the URL and writes back only what differs from the defaults', () => {
    const state = from(
      'q=lena&overdue=true&phase=preparation&hostCountry=cz&activityType=LM-SHORT-VET&projectId=aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa&from=2026-04-01&to=2026-06-30&sort=-learner&page=3',
    );
    expect(state).toEqual({
      q: 'lena',
      overdue: 'true',
      phase: 'preparation',
      hostCountry: 'CZ',
      activityType: 'LM-SHORT-VET',
      projectId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      from: '2026-04-01',
      to: '2026-06-30',
      sort: '-learner',
      page: 3,
    });
    expect(paramsOf(state)).toMatchObject({ hostCountry: 'CZ', sort: '-learner', page: '3' });
    expect(paramsOf(EMPTY_STATE)).toEqual({});
    // A saved filter keeps filters and order, not the page.
    expect(queryStringOf(state)).not.toContain('page=');
    expect(from(queryStringOf(state))).toEqual({ ...state, page: 1 });
  });

  it('drops what is not a valid value, so that an old or edited link still lists', () => {
    expect(
      from(
        'overdue=maybe&phase=holiday&hostCountry=Czechia&activityType=SURF&projectId=1&from=2026-02-30&sort=age&page=-2',
      ),
    ).toEqual(EMPTY_STATE);
    expect(isFiltered(from('sort=-startDate&page=2'))).toBe(false);
    expect(isFiltered(from('hostCountry=GR'))).toBe(true);
  });

  it('asks the API for the filters set, overdue as a boolean', () => {
    expect(requestOf(from('overdue=false&hostCountry=ES&to=2026-12-31'), 50)).toEqual({
      page: 1,
      pageSize: 50,
      sort: 'startDate',
      overdue: false,
      hostCountry: 'ES',
      to: '2026-12-31',
    });
  });

  it('toggles a column’s order, most overdue first, and names it for assistive technology', () => {
    expect(toggledSort('startDate', 'learner')).toBe('learner');
    expect(toggledSort('learner', 'learner')).toBe('-learner');
    expect(toggledSort('-learner', 'learner')).toBe('learner');
    expect(toggledSort('startDate', 'overdueTasks')).toBe('-overdueTasks');
    expect(toggledSort('-overdueTasks', 'overdueTasks')).toBe('overdueTasks');
    expect(ariaSort('-host', 'host')).toBe('descending');
    expect(ariaSort('host', 'host')).toBe('ascending');
    expect(ariaSort('host', 'learner')).toBeNull();
  });
});
