export const TASK_TEXTS_DE = {} as const satisfies Readonly<Record<string, Readonly<Record<string, string>>>>;
