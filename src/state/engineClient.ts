// The page's side of the engine: watches the store (a transient subscription, no React)
// and talks to the worker. A load runs in a fresh worker; only when it succeeds does that
// worker replace the one holding the current dataset, so a failed or cancelled load leaves
// the loaded dataset in place.
//
// Every other request is one kind in REQUESTS: what in the store asks for it, how to build
// it from the store at the moment it is sent, and where its answer goes. Each kind is
// single-flight (one job in flight; a change meanwhile marks it pending, and the request is
// built afresh from the store when the job returns), so a fast slider drag coalesces and
// an answer is never applied after a newer one. The analysis asks only for the parts the
// views on screen show (state.demand).
import { describeLoadProblem } from '../core/dataset/problems';
import { fileStem, scoredFileName } from '../core/export/csv';
import { isEngineResponse, type AnalysisDemand, type AnalysisPart, type EngineRequest, type EngineResponse, type TableRequest } from '../workers/protocol';
import type { Download } from '../ui/download';
import type { AppState, AppStore } from './store';
import type { ReadChoice } from './dataSlice';

export type WorkerFactory = () => Worker;

export const createEngineWorker: WorkerFactory = () => new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module' });

/** Parts every dashboard keeps current: the status line, the sidebar's AUC and the filter banner read them, and they cost a pass each at most. */
const ALWAYS: readonly AnalysisPart[] = ['scores', 'axes', 'auc'];
/** What the first screen of a dashboard shows (tiles, distribution, grid, the AUC beside the sliders): asked with a load, before the views exist to ask. */
const FIRST_SCREEN: readonly AnalysisPart[] = ['scores', 'axes', 'kpis', 'revenue', 'auc'];

/** The parts of the analysis the views on screen show, and what they read beside the model. */
export function demandOf(state: AppState): AnalysisDemand {
  const parts = new Set<AnalysisPart>(state.dataset === null ? FIRST_SCREEN : ALWAYS);
  for (const [part, count] of Object.entries(state.demand) as [AnalysisPart, number][]) if (count > 0) parts.add(part);
  // The tiles broken down per group or band come with the tiles.
  if (state.breakdownBy !== null && parts.has('kpis')) parts.add('breakdown');
  else parts.delete('breakdown');
  // Compared with an earlier file, each tile shows its change: the earlier file's KPIs come with the tiles (the movement tables only with their panel).
  if (state.earlier?.status === 'ready' && parts.has('kpis')) parts.add('earlier');
  return { parts: [...parts], table: { view: state.tableView, start: state.tableRange.start, count: state.tableRange.count }, breakdownBy: state.breakdownBy, compareIds: state.earlierIds };
}

type Kind = 'analyze' | 'rows' | 'customer' | 'scenario' | 'clv' | 'sql' | 'suggest' | 'sensitivity' | 'export' | 'compare';

interface RequestKind {
  /** Whether this store change asks for the kind (the dataset is the same on both sides). */
  asks(state: AppState, previous: AppState): boolean;
  /** The request as the store stands now; null when there is nothing to ask. */
  build(state: AppState, requestId: number): EngineRequest | null;
}

const sameData = (state: AppState, previous: AppState) => state.dataset === previous.dataset;
const demandChanged = (state: AppState, previous: AppState) => {
  if (state.demand === previous.demand) return false;
  const now = demandOf(state).parts;
  const before = new Set(demandOf(previous).parts);
  // A part newly on screen needs an analysis only when what it shows is out of date or missing.
  return now.some((part) => !before.has(part) && (state.stale[part] === true || state.analysis === null));
};
const filterChanged = (state: AppState, previous: AppState) => state.tableView.rfmSegment !== previous.tableView.rfmSegment || state.tableView.group !== previous.tableView.group;
/** The earlier file was read, refused or forgotten, or is matched on other ids: the movement and the explanation change. */
const earlierChanged = (state: AppState, previous: AppState) => state.earlier?.status !== previous.earlier?.status || state.earlierIds !== previous.earlierIds;

/** The table of request kinds. */
const REQUESTS: Record<Kind, RequestKind> = {
  analyze: {
    asks: (s, p) => sameData(s, p) && (s.model !== p.model || filterChanged(s, p) || s.breakdownBy !== p.breakdownBy || demandChanged(s, p) || earlierChanged(s, p)),
    build: (s, requestId) => ({ type: 'analyze', requestId, model: s.model, demand: demandOf(s) }),
  },
  rows: {
    // A segment or group filter changes the figures too: the analysis brings the rows then.
    asks: (s, p) => sameData(s, p) && s.model === p.model && !filterChanged(s, p) && (s.tableView !== p.tableView || s.tableRange !== p.tableRange),
    build: (s, requestId) => ({ type: 'rows', requestId, model: s.model, view: s.tableView, start: s.tableRange.start, count: s.tableRange.count }),
  },
  customer: {
    asks: (s, p) => s.selectedRow !== p.selectedRow || (s.selectedRow !== null && earlierChanged(s, p)),
    build: (s, requestId) => (s.selectedRow === null ? null : { type: 'customer', requestId, model: s.model, row: s.selectedRow }),
  },
  scenario: {
    asks: (s, p) => sameData(s, p) && s.scenarioA !== p.scenarioA,
    build: (s, requestId) => (s.scenarioA === null ? null : { type: 'scenario', requestId, a: s.scenarioA.model, b: s.model }),
  },
  clv: {
    asks: (s, p) => s.clvRequest !== p.clvRequest && s.clvRequest.inputs !== null,
    build: (s, requestId) => (s.clvRequest.inputs === null ? null : { type: 'clv', requestId, inputs: s.clvRequest.inputs }),
  },
  sql: {
    asks: (s, p) => s.sqlRequest !== p.sqlRequest,
    build: (s, requestId) => ({ type: 'sql', requestId, model: s.model, dialect: s.sqlRequest.dialect, ...(s.sqlRequest.previousTable ? { previousTable: s.sqlRequest.previousTable } : {}) }),
  },
  suggest: {
    asks: (s, p) => s.suggestRequest !== p.suggestRequest,
    build: (s, requestId) => ({ type: 'suggest', requestId, model: s.model }),
  },
  sensitivity: {
    asks: (s, p) => s.sensitivityRequest !== p.sensitivityRequest && s.sensitivityRequest !== null,
    build: (s, requestId) => (s.sensitivityRequest === null ? null : { type: 'sensitivity', requestId, model: s.sensitivityRequest.model }),
  },
  compare: {
    // A new earlier file, the earlier file forgotten, or a new current file (its worker has not read the earlier one).
    asks: (s, p) => s.earlier?.file !== p.earlier?.file || (s.earlier !== null && s.loadId !== p.loadId),
    build: (s, requestId) => ({ type: 'compare', requestId, file: s.earlier?.file ?? null, name: s.earlier?.name ?? '', model: s.model }),
  },
  export: {
    asks: (s, p) => s.exportRequest !== p.exportRequest,
    build: (s, requestId) => ({ type: 'export', requestId, model: s.model, view: s.exportScope === 'view' ? s.tableView : null, ...(typeof s.exportScope === 'object' ? { gone: s.exportScope.gone } : {}) }),
  },
};
const KINDS = Object.keys(REQUESTS) as Kind[];

/** Where each answer goes; an answer is applied only when it is the latest of its kind. */
function applyAnswer(store: AppStore, message: EngineResponse, download: Download): void {
  const state = store.getState();
  switch (message.type) {
    case 'analyzed':
      // For DevTools' timeline and the browser benchmark: the engine's share of a weight change.
      if (message.workerMs !== undefined) performance.mark('crs:analyzed', { detail: { workerMs: message.workerMs, waitedMs: message.waitedMs ?? 0 } });
      state.applyParts(message.parts, message.current);
      return;
    case 'rows':
      state.setTablePage({ total: message.total, start: message.start, rows: message.rows });
      return;
    case 'customer':
      state.setSelectedCustomer(message.customer);
      state.setSelectedStability(message.stability ?? null);
      state.setSelectedPrevious(message.previous ?? null);
      return;
    case 'compared':
      if (message.workerMs !== undefined) performance.mark('crs:compared', { detail: { workerMs: message.workerMs } });
      state.earlierRead(message.outcome);
      return;
    case 'scenario':
      state.setScenario(message.comparison);
      return;
    case 'clv':
      state.setClvOutcome(message.outcome);
      return;
    case 'sql':
      download(new Blob([message.text], { type: 'application/sql;charset=utf-8' }), `${fileStem(state.dataset?.name ?? 'customers.csv')}-crs-${message.dialect}.sql`);
      return;
    case 'suggested':
      state.setSuggestion(message.suggestion);
      return;
    case 'sensitivity':
      state.setSensitivity(message.summary);
      return;
    case 'exported':
      state.exportFinished();
      download(
        message.blob,
        typeof state.exportScope === 'object'
          ? scoredFileName(state.earlier?.name ?? 'earlier.csv', 'gone')
          : scoredFileName(state.dataset?.name ?? 'customers.csv', state.exportScope === 'view' ? 'view' : 'scored'),
      );
      return;
    default:
      return;
  }
}

/** The kind an answer belongs to. */
const KIND_OF: Partial<Record<EngineResponse['type'], Kind>> = {
  analyzed: 'analyze',
  rows: 'rows',
  customer: 'customer',
  scenario: 'scenario',
  clv: 'clv',
  sql: 'sql',
  suggested: 'suggest',
  sensitivity: 'sensitivity',
  exported: 'export',
  compared: 'compare',
};

interface Job {
  /** The id of the request in flight (or last sent). */
  id: number;
  inFlight: boolean;
  /** The store changed in a way that asks for this kind while a job was in flight. */
  pending: boolean;
}

/** How long after a load settles the next spare worker starts (the first screen's follow-up parts come first). */
const SPARE_DELAY_MS = 1000;

export function connectEngine(store: AppStore, createWorker: WorkerFactory, download: Download): () => void {
  let active: Worker | null = null;
  let loading: Worker | null = null;
  /** The model sent with the load in flight: if the user changes it meanwhile, re-map on arrival. */
  let loadModel: AppState['model'] | null = null;
  // A started worker kept warm, so a load does not wait for a worker to boot or warm up.
  // The next spare is started only once a load has settled and the page is idle: started
  // with the load, its warm-up took a core from the load and the first render (2 cores).
  let spare: Worker | null = createWorker();
  let spareTimer: ReturnType<typeof setTimeout> | null = null;
  const takeWorker = (): Worker => {
    const worker = spare ?? createWorker();
    spare = null;
    return worker;
  };
  const refillSpare = (): void => {
    if (spare !== null || spareTimer !== null) return;
    spareTimer = setTimeout(() => {
      spareTimer = null;
      const start = () => {
        if (spare === null && loading === null) spare = createWorker();
      };
      if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
      else start();
    }, SPARE_DELAY_MS);
  };
  let nextId = 0;
  /** The table view and range the analysis in flight took its page for. */
  let analyzedTable: TableRequest | null = null;
  const jobs = Object.fromEntries(KINDS.map((kind) => [kind, { id: 0, inFlight: false, pending: false }])) as Record<Kind, Job>;
  const resetJobs = () => {
    for (const kind of KINDS) jobs[kind] = { id: 0, inFlight: false, pending: false };
  };

  /** Sends a kind's request built from the store now, or marks it pending while one is in flight. */
  const request = (kind: Kind): void => {
    const job = jobs[kind];
    if (!active) return;
    if (job.inFlight) {
      job.pending = true;
      return;
    }
    const built = REQUESTS[kind].build(store.getState(), ++nextId);
    if (built === null) return;
    job.id = nextId;
    job.inFlight = true;
    job.pending = false;
    if (built.type === 'analyze') {
      store.getState().markStale(built.demand.parts);
      analyzedTable = built.demand.table;
    }
    active.postMessage(built);
  };

  const engineBroke = (worker: Worker, detail: string): void => {
    if (worker === loading) {
      loading.terminate();
      loading = null;
      refillSpare();
      store.setState({ loading: null });
      store.getState().showAlert(`Loading stopped: ${detail}. The data loaded before is still here.`);
      return;
    }
    resetJobs();
    store.getState().exportFinished();
    store.setState({ suggesting: false, analysingSensitivity: false, clvFitting: false });
    store.getState().showAlert(`The scoring engine stopped: ${detail}. Reload the file to continue.`);
  };

  /** An analysis without its table page when the table scrolled or changed view since it was asked: the rows asked for since are newer. */
  const withoutOlderPage = (message: EngineResponse): EngineResponse => {
    if (message.type !== 'analyzed' || !message.parts.table || analyzedTable === null) return message;
    const { tableView, tableRange } = store.getState();
    if (tableView === analyzedTable.view && tableRange.start === analyzedTable.start && tableRange.count === analyzedTable.count) return message;
    const parts = { ...message.parts };
    delete parts.table;
    // Still catching up until those rows arrive (setTablePage).
    return { ...message, parts, current: message.current.filter((part) => part !== 'table') };
  };

  const onActiveMessage = (message: EngineResponse): void => {
    if (message.type === 'failed') {
      for (const kind of KINDS) if (jobs[kind].id === message.requestId) jobs[kind].inFlight = false;
      store.getState().exportFinished();
      store.setState({ suggesting: false, analysingSensitivity: false, clvFitting: false });
      store.getState().showAlert(`Scoring failed: ${message.message}`);
      return;
    }
    const kind = KIND_OF[message.type];
    if (!kind || !('requestId' in message)) return;
    const job = jobs[kind];
    if (message.requestId !== job.id) return;
    job.inFlight = false;
    // The analysis is applied in order even when superseded: the engine sends each part only once it changed.
    if (kind === 'analyze' || !job.pending) applyAnswer(store, withoutOlderPage(message), download);
    if (job.pending) request(kind);
    else if (kind === 'analyze') {
      request('customer');
      request('scenario');
    } else if (kind === 'sensitivity') request('customer'); // the explanation gains the customer's stability line
  };

  const onLoadingMessage = (worker: Worker, fileName: string, message: EngineResponse): void => {
    switch (message.type) {
      case 'progress':
        store.getState().setProgress(message.phase, message.fraction);
        return;
      case 'loaded': {
        // Marks for DevTools' timeline and the browser benchmark: where a load's time goes.
        performance.mark('crs:loaded', { detail: message.timings });
        active?.terminate();
        active = worker;
        loading = null;
        resetJobs();
        const isModelUnchanged = store.getState().model === loadModel;
        store.getState().datasetLoaded(message.summary, isModelUnchanged ? { model: message.model, parts: message.parts } : undefined, message.parts);
        // The earlier file compared with is read again by this worker (the compare request follows the new loadId).
        store.getState().earlierRereading();
        // The model changed during the load, or an imported model was fitted to the file's columns: score it.
        if (!isModelUnchanged || store.getState().model !== message.model) request('analyze');
        refillSpare();
        return;
      }
      case 'load-failed':
        worker.terminate();
        loading = null;
        refillSpare();
        store.setState({ loading: null });
        store.getState().showAlert(describeLoadProblem(message.problem, fileName));
        return;
      default:
        onActiveMessage(message);
    }
  };

  const startLoad = (file: Blob, fileName: string, choice: ReadChoice): void => {
    loading?.terminate();
    const worker = takeWorker();
    loading = worker;
    worker.onmessage = (event: MessageEvent<unknown>) => {
      if (!isEngineResponse(event.data)) return engineBroke(worker, 'it sent a message the page does not understand');
      if (worker === loading) onLoadingMessage(worker, fileName, event.data);
      else if (worker === active) onActiveMessage(event.data);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      engineBroke(worker, event.message || 'an error in the worker');
    };
    worker.onmessageerror = () => engineBroke(worker, 'a message could not be read');
    performance.mark('crs:load-start');
    loadModel = store.getState().model;
    const state = store.getState();
    worker.postMessage({ type: 'load', file, name: fileName, model: loadModel, demand: demandOf(state), ...choice } satisfies EngineRequest);
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.loading && state.loading !== previous.loading && (state.loading.file !== previous.loading?.file || state.loading.choice !== previous.loading.choice))
      startLoad(state.loading.file, state.loading.fileName, state.loading.choice);
    if (!state.loading && previous.loading && loading) {
      loading.terminate();
      loading = null;
      refillSpare();
    }
    if (previous.dataset && !state.dataset) {
      // Clear data: the worker holding the columns goes too.
      active?.terminate();
      active = null;
      resetJobs();
    }
    for (const kind of KINDS) if (REQUESTS[kind].asks(state, previous)) request(kind);
  });

  return () => {
    unsubscribe();
    active?.terminate();
    loading?.terminate();
    spare?.terminate();
    if (spareTimer !== null) clearTimeout(spareTimer);
  };
}
