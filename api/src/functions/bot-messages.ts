import { json, readJsonBody } from '../http/respond.js';
import { publicRoute } from '../http/route.js';

/**
 * POST /api/messages — the Bot Framework endpoint. Not behind our bearer check: the CloudAdapter
 * authenticates each activity with the Bot Connector's own token (whenever an app id is configured).
 */
export const botMessages = publicRoute('bot-messages', ['POST'], 'messages', async ({ request, runtime }) => {
  const body = await readJsonBody(request);
  const headers: Record<string, string> = {};
  for (const [key, value] of request.headers.entries()) headers[key] = value;
  const answer = await runtime.bot.process({ method: 'POST', headers, body });
  return answer.body === undefined ? { status: answer.status } : json(answer.status, answer.body);
});
