// One log line per answered request, where Fastify writes two ("incoming" and "completed"). Routine
// traffic that goes well (a receiving system polling every few seconds, a page's stylesheet and
// fonts) is logged at debug, so at info the log shows what people do and what fails.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export class OneLinePerRequest extends LogController {
  constructor(private readonly isRoutine: (request: FastifyRequest) => boolean = () => false) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) {
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
      return;
    }
    const status = reply.statusCode;
    const routine = status < 400 && (request.url.startsWith('/static/') || this.isRoutine(request));
    reply.log[status >= 500 ? 'error' : routine ? 'debug' : 'info']({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request');
  }
}
