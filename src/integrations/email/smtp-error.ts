/**
 * @module nodemailer's SMTP failures as the employee's typed errors. A 4xx reply is temporary (retry),
 * a 5xx is a refusal a person has to look at, a failed login pauses the account.
 */
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import type { EmployeeError } from "../../governance/errors/employee-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { createRedactor } from "../../governance/redact.js";
import type { SmtpSettings } from "./email-account-config.js";

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

export function smtpError(error: unknown, settings: SmtpSettings): EmployeeError {
  const failure = (error ?? {}) as SmtpFailure;
  const redactor = createRedactor(settings.auth ? [settings.auth.password] : []);
  const detail = redactor.text(failure.response ?? failure.message ?? String(error));
  const where = `${settings.host}:${settings.port}`;
  if (failure.code === "EAUTH" || failure.responseCode === 535 || failure.responseCode === 534) {
    return new AuthError(
      `SMTP server ${where} refused the login (${detail}); check SMTP_USER and SMTP_PASSWORD (an app password where the provider requires one)`,
      { cause: error },
    );
  }
  if (failure.code === "ETLS" || (failure.code === "ESOCKET" && /tls|ssl|certificate/i.test(detail))) {
    return new TransientError(
      `TLS with SMTP server ${where} failed (${detail}); check SMTP_TLS and SMTP_PORT`,
      { cause: error },
    );
  }
  if (failure.responseCode !== undefined && failure.responseCode >= 400 && failure.responseCode < 500) {
    return new TransientError(`SMTP server ${where} deferred the message (${detail})`, { cause: error });
  }
  if (failure.responseCode !== undefined && failure.responseCode >= 500) {
    return new DataError(
      `SMTP server ${where} refused the message (${detail}); check the recipients and the content`,
      {
        cause: error,
      },
    );
  }
  if (failure.code === "EENVELOPE") {
    return new DataError(`SMTP server ${where} refused the recipients (${detail})`, { cause: error });
  }
  return new TransientError(
    `SMTP server ${where} could not be reached (${detail}); check SMTP_HOST and SMTP_PORT`,
    {
      cause: error,
    },
  );
}
