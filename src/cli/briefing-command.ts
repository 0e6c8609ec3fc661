import { CliError, EXIT, type CliContext } from "./cli-context.js";
import { openEmployee } from "./open-employee.js";

/** `ai-employee briefing [--week DATE]`: the Monday Morning CEO Briefing for a week, written now. */
export async function briefingCommand(
  context: CliContext,
  options: { vault?: string; week?: string },
): Promise<void> {
  if (options.week !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.week)) {
    throw new CliError(
      `--week "${options.week}" is not a date: use YYYY-MM-DD, any day of the week`,
      EXIT.usage,
    );
  }
  const { employee } = await openEmployee(context, options);
  try {
    const result = await employee.briefing(options.week);
    context.out(
      `briefing written: ${result.path}${result.figuresMissing.length > 0 ? ` (missing: ${result.figuresMissing.join("; ")})` : ""}`,
    );
  } finally {
    await employee.close();
  }
}
