import type { Core } from '@strapi/strapi';
import { track } from '../../platform/background';
import { getService } from '../../services/get-service';

/**
 * Workflow events on Strapi's event hub as `ppid.<event>`; Strapi webhooks and the
 * notification service listen there, so a transition never waits on a mail server.
 */
export const PPID_EVENTS = ['submitted', 'step_active', 'returned', 'content_changed', 'published', 'completed', 'cancelled', 'unpublished'] as const;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async emit(event: string, payload: { run: any; step: number; role: string; state?: any }) {
    const { run } = payload;
    track(strapi.eventHub.emit(`ppid.${event}`, {
      run: { id: run.documentId, sopCode: run.sopCode, status: payload.state?.status ?? run.status, currentStep: payload.state?.currentStep ?? run.currentStep },
      item: { uid: run.itemUid, documentId: run.itemDocumentId, locale: run.itemLocale, title: run.itemTitle },
      step: payload.step,
      role: payload.role,
    }));
    // In-panel notifications are written in the act's own transaction; mails go out later.
    await getService(strapi, 'notifications').onWorkflowEvent(event, payload);
  },
});
