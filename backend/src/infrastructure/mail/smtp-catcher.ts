import { Logger } from '@nestjs/common';
import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export interface CaughtEnvelope {
  readonly from: string | null;
  readonly to: string[];
}

export interface SmtpCatcherOptions {
  readonly port: number;
  readonly host?: string;
  /** Keeps one received message; an error thrown here is answered 451 (try again later). */
  onMessage(mail: ParsedMail, envelope: CaughtEnvelope): Promise<void> | void;
  /** Decides the answer to a message before it is kept: an Error with `responseCode` refuses it. */
  answer?(session: SMTPServerSession): Error | undefined;
}

export interface SmtpCatcher {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server that keeps what it receives: the embedded mail catcher of `npm start`
 * (like Mailpit) and the SMTP server of the tests. No TLS, no auth: loopback only.
 */
export async function startSmtpCatcher(options: SmtpCatcherOptions): Promise<SmtpCatcher> {
  const logger = new Logger('SmtpCatcher');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const refusal = options.answer?.(session);
      if (refusal) {
        stream.resume();
        stream.on('end', () => callback(refusal));
        return;
      }
      simpleParser(stream)
        .then((mail) =>
          options.onMessage(mail, {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
          }),
        )
        .then(
          () => callback(),
          (error: unknown) => {
            logger.error(`could not keep a message: ${String(error)}`);
            callback(Object.assign(new Error('Message not stored, try again later'), { responseCode: 451 }));
          },
        );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  server.on('error', (error) => logger.error(`SMTP catcher: ${error.message}`));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
