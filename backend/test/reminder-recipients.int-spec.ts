import { ReminderService } from '../src/modules/notification/reminder.service';
import { createOrganisation, createProject, createSchool } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** Reminders follow the task's recipient: mail written for a host that is no longer the host stays unsent. */
describe('reminder recipients after a host change', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('cancels the former host’s reminders not yet delivered, and plans them for the new host', async () => {
    const sending = await createSchool(t, { email: 'erasmus@school.test' });
    const host = await createOrganisation(t, {
      city: 'Madrid',
      email: 'contact@old-host.test',
      registeredByOrganisationId: sending.id,
    });
    const project = await createProject(t, { beneficiaryOrganisationId: sending.id });
    const mobility = (
      await t.post(`/api/projects/${project.id}/mobilities`, {
        participant: { firstName: 'Lena', lastName: 'Schmidt', email: 'lena@learner.test', dateOfBirth: '2000-01-01' },
        activityType: 'LM-SHORT-VET',
        sendingOrganisationId: sending.id,
        hostOrganisationId: host.id,
        startDate: '2026-06-01',
        endDate: '2026-06-28',
      })
    ).body;
    const planned = (await t.get(`/api/mobilities/${mobility.id}/reminders`)).body.planned as any[];
    const forHost = planned.find((p) => p.recipientEmail === 'contact@old-host.test');
    expect(forHost).toBeDefined();
    // The sweep writes the host's reminder when its time comes; no worker runs here, so it waits in the outbox.
    t.clock.set(new Date(forHost.sendAt));
    await t.app.get(ReminderService).sweep();
    const written = (
      await t.get(`/api/outbox?mobilityId=${mobility.id}&recipient=contact@old-host.test&status=pending`)
    ).body.items as any[];
    const reminder = written.find((m) => m.kind !== 'placement-request');
    expect(reminder).toBeDefined();

    const newHost = await createOrganisation(t, {
      name: 'New host',
      city: 'Bilbao',
      email: 'practicas@new-host.test',
      registeredByOrganisationId: sending.id,
    });
    expect((await t.patch(`/api/mobilities/${mobility.id}`, { hostOrganisationId: newHost.id })).status).toBe(200);
    const after = (await t.get(`/api/outbox?mobilityId=${mobility.id}&recipient=contact@old-host.test`)).body
      .items as any[];
    expect(after.find((m) => m.id === reminder.id)?.status).toBe('cancelled');
    const replanned = (await t.get(`/api/mobilities/${mobility.id}/reminders`)).body.planned as any[];
    expect(replanned.filter((p) => p.taskId === forHost.taskId).map((p) => p.recipientEmail)).toContain(
      'practicas@new-host.test',
    );
    expect(replanned.map((p) => p.recipientEmail)).not.toContain('contact@old-host.test');
  });
});
