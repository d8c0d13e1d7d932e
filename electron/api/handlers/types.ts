import type { z } from 'zod';
import type {
  CostEstimateInfo,
  EventName,
  EventPayload,
  RequestInput,
  RequestName,
  RequestOutput,
  RequestsOf,
  Transport,
} from '../contract.js';
import type { CloudRuntime } from '../cloud-runtime.js';
import type { ConsoleRuntime } from '../cloud-console.js';
import type { MqttTestClient } from '../mqtt-client.js';
import type { ReplayRuntime } from '../replay-runtime.js';
import type { LessonsRuntime } from '../../lessons/runtime.js';
import type { StationsRuntime } from '../stations-runtime.js';
import type { AwsRuntime } from '../../aws/runtime.js';
import type { InstructorRuntime } from '../instructor-runtime.js';

/** One event as main delivers it to a subscribed renderer. */
export type LabEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

/** What the app knows about itself, independent of the transport. */
export interface AppRuntime {
  name: string;
  version: string;
  /** Set by the Electron shell. */
  electronVersion?: string;
}

/** What a handler may use. Handlers never see the transport's objects (sockets, webContents). */
export interface HandlerContext {
  transport: Transport;
  app: AppRuntime;
  cloud: CloudRuntime;
  /** Station files, device status, fetching and provisioning (domains `stations` and `fleet`). */
  stations: StationsRuntime;
  replay: ReplayRuntime;
  /** The lessons, their checks and automations, and the progress (domain `lessons`). */
  lessons: LessonsRuntime;
  /** The console pages' needs: `cloud.send`, object bodies, buffers and rule counters. */
  cloudConsole: ConsoleRuntime;
  /** The MQTT test client, one for the app. */
  mqtt: MqttTestClient;
  /** AWS mode: the session, the API-call log, the cost meter (domain `aws`). */
  aws: AwsRuntime;
  /** The cost meter's estimate for the current mode. */
  cost(): Promise<CostEstimateInfo>;
  /** The Instructor page: account reset, lab folder and lesson progress resets (domain `instructor`). */
  instructor: InstructorRuntime;
}

/**
 * A request's handler. Input comes from the renderer, so a request that takes one declares a zod
 * schema for it (typed from the contract: a schema that drifts from the type does not compile);
 * the core validates it before `handle` runs.
 */
export type RequestHandler<N extends RequestName> = ([RequestInput<N>] extends [void]
  ? { input?: never }
  : { input: z.ZodType<RequestInput<N>> }) & {
  handle(input: RequestInput<N>, context: HandlerContext): RequestOutput<N> | Promise<RequestOutput<N>>;
};

/** The handlers of one domain, e.g. `DomainHandlers<'cloud'>`: exactly that domain's requests. */
export type DomainHandlers<Domain extends string> = { [N in RequestsOf<Domain>]: RequestHandler<N> };

/** Every request of the contract: one missing here is a compile error. */
export type Handlers = { [N in RequestName]: RequestHandler<N> };

/** Thrown by a handler to answer with a specific error code instead of `Internal`. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
