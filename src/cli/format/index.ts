// The CLI's output formatting: Go templates for --format, docker's table
// layout, and docker's human-readable sizes and durations. Pure functions,
// no I/O; commands pass rows in and print the string they get back.

export { parseTemplate, Template, TemplateError, type FuncDef, type FuncMap, type ParseOptions, type ExecuteOptions } from './template.js';
export { tabwrite, displayWidth, DOCKER_TABWRITER, type TabwriterOptions } from './tabwriter.js';
export { renderList, formatJSONLines, defaultHeader, type ListOptions } from './list.js';
export { humanDuration, humanSize, bytesSize, timeAgo, parseBytes, truncateID } from './humanize.js';
export { goStruct, goMap } from './gotypes.js';
export { goJSON } from './gojson.js';
export { formatValue, sprint, sprintf, sprintln } from './gofmt.js';
