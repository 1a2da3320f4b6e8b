import * as comments from "./handlers/comments";
import * as projects from "./handlers/projects";
import * as scores from "./handlers/scores";
import * as spansRead from "./handlers/spans-read";
import * as spansWrite from "./handlers/spans-write";
import * as traces from "./handlers/traces";
import type { Route } from "./router";

const P = "/v1/private";

/** Every endpoint the embedded Opik server answers; anything else is a 404 in Opik's shape. */
export const ROUTES: Route[] = [
  // spans
  { method: "GET", path: `${P}/spans`, handler: spansRead.listSpans },
  { method: "POST", path: `${P}/spans`, handler: spansWrite.createSpan },
  { method: "POST", path: `${P}/spans/batch`, ...spansWrite.createSpans },
  { method: "PATCH", path: `${P}/spans/batch`, handler: spansWrite.updateSpans },
  { method: "GET", path: `${P}/spans/stats`, handler: spansRead.spanStats },
  { method: "POST", path: `${P}/spans/search`, handler: spansRead.searchSpans },
  { method: "GET", path: `${P}/spans/feedback-scores/names`, handler: scores.spanScoreNames },
  { method: "PUT", path: `${P}/spans/feedback-scores`, handler: scores.scoreSpansBatch },
  { method: "POST", path: `${P}/spans/comments/delete`, handler: comments.deleteSpanComments },
  { method: "PATCH", path: `${P}/spans/comments/:commentId`, handler: comments.updateSpanComment },
  { method: "GET", path: `${P}/spans/:id`, handler: spansRead.getSpan },
  { method: "PATCH", path: `${P}/spans/:id`, handler: spansWrite.updateSpan },
  { method: "DELETE", path: `${P}/spans/:id`, handler: spansWrite.deleteSpan },
  { method: "PUT", path: `${P}/spans/:id/feedback-scores`, handler: scores.scoreSpan },
  { method: "POST", path: `${P}/spans/:id/feedback-scores/delete`, handler: scores.deleteSpanScore },
  { method: "POST", path: `${P}/spans/:id/comments`, handler: comments.createSpanComment },
  { method: "GET", path: `${P}/spans/:id/comments/:commentId`, handler: comments.getSpanComment },

  // traces
  { method: "GET", path: `${P}/traces`, handler: traces.listTraces },
  { method: "POST", path: `${P}/traces`, handler: traces.createTrace },
  { method: "POST", path: `${P}/traces/batch`, handler: traces.createTraces },
  { method: "POST", path: `${P}/traces/delete`, handler: traces.deleteTraces },
  { method: "PUT", path: `${P}/traces/feedback-scores`, handler: scores.scoreTracesBatch },
  { method: "GET", path: `${P}/traces/feedback-scores/names`, handler: scores.traceScoreNames },
  { method: "POST", path: `${P}/traces/comments/delete`, handler: comments.deleteTraceComments },
  { method: "PATCH", path: `${P}/traces/comments/:commentId`, handler: comments.updateTraceComment },
  { method: "GET", path: `${P}/traces/:id`, handler: traces.getTrace },
  { method: "PATCH", path: `${P}/traces/:id`, handler: traces.updateTrace },
  { method: "DELETE", path: `${P}/traces/:id`, handler: traces.deleteTrace },
  { method: "PUT", path: `${P}/traces/:id/feedback-scores`, handler: scores.scoreTrace },
  { method: "POST", path: `${P}/traces/:id/feedback-scores/delete`, handler: scores.deleteTraceScore },
  { method: "POST", path: `${P}/traces/:id/comments`, handler: comments.createTraceComment },
  { method: "GET", path: `${P}/traces/:id/comments/:commentId`, handler: comments.getTraceComment },

  // projects
  { method: "GET", path: `${P}/projects`, handler: projects.listProjects },
  { method: "POST", path: `${P}/projects`, handler: projects.createProject },
  { method: "POST", path: `${P}/projects/retrieve`, handler: projects.retrieveProject },
  { method: "GET", path: `${P}/projects/:id`, handler: projects.getProject },
  { method: "DELETE", path: `${P}/projects/:id`, handler: projects.deleteProject },
];
