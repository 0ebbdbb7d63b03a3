// The v1 checklist, to build mobilities as checklist v1 made them (the domain keeps v1 for them).
export { checklistTemplate, planChecklist } from '@mobility-hub/domain';
import { checklistTemplate } from '@mobility-hub/domain';

export const CHECKLIST_V1_FOR_TESTS = checklistTemplate(1);
