import { getShortestPaths, getAdjacencyMap, adjacencyMapToArray } from 'xstate/graph';
import { transition } from 'xstate';
import { mobilityMachine, MobilityEvent } from './mobility.machine';
import { restoreSnapshot } from './lifecycle';
const facts = { hostOrganisationId: 'h', placementConfirmed: true, tasks: [{ key: 'learning-agreement', phase: 'preparation' as const, title: 'x', mandatory: true, status: 'done' as const }] };
const events: MobilityEvent[] = [{ type: 'ADVANCE', facts }, { type: 'WITHDRAW', facts, reason: 'r' }, { type: 'REOPEN', facts, reason: 'r' }, { type: 'HOST_CONFIRM', facts }];
it('probe', () => {
  const paths = getShortestPaths(mobilityMachine, { events });
  console.log(paths.map((p) => `${JSON.stringify(p.state.value)} ${p.state.status}: ${p.steps.map((s) => s.event.type).join(',')}`).join('\n'));
  const adj = adjacencyMapToArray(getAdjacencyMap(mobilityMachine, { events }));
  console.log(adj.length, adj.map((e) => `${String(e.state.value)} -${e.event.type}-> ${String(e.nextState.value)} same=${e.state === e.nextState}`).join('\n'));
  const done = restoreSnapshot({ value: 'completed', context: {} }, 1);
  console.log('restored status', done.status);
  const [n, a] = transition(mobilityMachine, done, events[0]);
  console.log(n.value, a.length, n === done);
});
