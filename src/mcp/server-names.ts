/** The five servers of the action layer, by name. */
export const SERVER_NAMES = ["email", "whatsapp", "social", "odoo", "browser"] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

export function isServerName(name: string): name is ServerName {
  return (SERVER_NAMES as readonly string[]).includes(name);
}
