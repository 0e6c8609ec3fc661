/**
 * @module The test Dovecot's configuration: which system users its services run as (root or not),
 * and the config file itself — loopback only, plaintext login, a passwd-file, maildir per user.
 */
import { readFileSync } from "node:fs";
import os from "node:os";

interface Account {
  name: string;
  uid: number;
  gid: number;
}

export interface Accounts {
  /** Only root can chroot Dovecot's login and anvil processes. */
  root: boolean;
  internal: string;
  /** The internal user's group, by name, as Dovecot wants it. */
  internalGroup: string;
  login: string;
  mail: Account;
}

function table(file: string): string[][] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.split(":"))
    .filter((fields) => fields.length > 2);
}

/**
 * Without root, every Dovecot service runs as the current user. As root, Dovecot refuses to run its
 * services as root: they run as its own users (or nobody), and the mail belongs to nobody.
 */
export function accounts(): Accounts {
  const users = new Map(
    table("/etc/passwd").map((fields) => [
      fields[0] ?? "",
      { name: fields[0] ?? "", uid: Number(fields[2]), gid: Number(fields[3]) },
    ]),
  );
  const groups = new Map(table("/etc/group").map((fields) => [Number(fields[2]), fields[0] ?? ""]));
  const self = os.userInfo();
  if (self.uid !== 0) {
    const own = { name: self.username, uid: self.uid, gid: self.gid };
    return {
      root: false,
      internal: own.name,
      internalGroup: groups.get(own.gid) ?? own.name,
      login: own.name,
      mail: own,
    };
  }
  const pick = (...names: string[]) =>
    names.map((name) => users.get(name)).find((user) => user !== undefined);
  const nobody = pick("nobody");
  if (!nobody) throw new Error("running as root needs a 'nobody' user for the test Dovecot's mail");
  const internal = pick("dovecot") ?? nobody;
  return {
    root: true,
    internal: internal.name,
    internalGroup: groups.get(internal.gid) ?? internal.name,
    login: (pick("dovenull") ?? nobody).name,
    mail: nobody,
  };
}

/** The whole configuration: nothing is read from /etc/dovecot. */
export function dovecotConfig(directory: string, port: number, users: Accounts): string {
  return `# Written by the test harness: a private Dovecot on loopback.
base_dir = ${directory}/run
state_dir = ${directory}/state
log_path = ${directory}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${users.internal}
default_internal_group = ${users.internalGroup}
default_login_user = ${users.login}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:${directory}/mail/%u
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${directory}/passwd
}
userdb {
  driver = static
  args = uid=${users.mail.uid} gid=${users.mail.gid} home=${directory}/home/%u
}
${users.root ? "" : "service anvil {\n  chroot =\n}\n"}service imap-login {
${users.root ? "" : "  chroot =\n"}  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
namespace inbox {
  inbox = yes
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
`;
}
