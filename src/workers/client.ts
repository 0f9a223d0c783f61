// The page's side of the engine: watches the store (transient subscription, no React) and
// talks to the workers. A load runs in a fresh worker; only when it succeeds does that
// worker replace the one holding the current dataset, so a failed or cancelled load leaves
// the loaded dataset in place. Analysis is single-flight: one job at a time, and models
// arriving meanwhile overwrite one pending slot, so a fast slider drag coalesces; the
// table's rows on screen come back with each scoring, and separately on scroll or filter.
import { describeLoadProblem } from '../core/problems';
import { fileStem, scoredFileName } from '../core/export/csv';
import type { Model } from '../core/model';
import type { AppStore } from '../state/store';
import type { Download } from '../ui/download';
import { isEngineResponse, type EngineRequest, type EngineResponse } from './protocol';

export type WorkerFactory = () => Worker;

export const createEngineWorker: WorkerFactory = () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });

export function connectEngine(store: AppStore, createWorker: WorkerFactory, download: Download): () => void {
  let active: Worker | null = null;
  let loading: Worker | null = null;
  /** The model sent with the load in flight: if the user changes it meanwhile, re-map on arrival. */
  let loadModel: Model | null = null;
  // A started worker kept warm, so a load does not wait for a worker to boot.
  let spare: Worker | null = createWorker();
  const takeWorker = (): Worker => {
    const worker = spare ?? createWorker();
    spare = createWorker();
    return worker;
  };
  let requestId = 0;
  let inFlight = false;
  let pending: Model | null = null;
  let exportId = 0;
  let rowsId = 0;
  let customerId = 0;
  let breakdownId = 0;
  let suggestId = 0;
  let sensitivityId = 0;
  let scenarioId = 0;
  let sqlId = 0;
  let clvId = 0;

  /** Compares the saved scenario A with the current model, when one is saved. */
  const requestScenario = (): void => {
    const { scenarioA, model } = store.getState();
    if (!active || scenarioA === null) return;
    scenarioId++;
    send(active, { type: 'scenario', requestId: scenarioId, a: scenarioA.model, b: model });
  };

  /** Asks for the tiles' values per group or band, when the user has asked to see them. */
  const requestBreakdown = (): void => {
    const { breakdownBy, model, tableView } = store.getState();
    if (!active || breakdownBy === null) return;
    breakdownId++;
    send(active, { type: 'breakdown', requestId: breakdownId, model, by: breakdownBy, view: tableView });
  };

  /** Asks for the table rows on screen under the current model and view; the latest ask wins. */
  const requestRows = (): void => {
    if (!active) return;
    const { model, tableView, tableRange } = store.getState();
    rowsId++;
    send(active, { type: 'rows', requestId: rowsId, model, view: tableView, start: tableRange.start, count: tableRange.count });
  };

  const requestCustomer = (): void => {
    const { selectedRow, model } = store.getState();
    if (!active || selectedRow === null) return;
    customerId++;
    send(active, { type: 'customer', requestId: customerId, model, row: selectedRow });
  };

  const send = (worker: Worker, request: EngineRequest): void => worker.postMessage(request);

  const engineBroke = (worker: Worker, detail: string): void => {
    if (worker === loading) {
      loading.terminate();
      loading = null;
      store.setState({ loading: null });
      store.getState().showAlert(`Loading stopped: ${detail}. The data loaded before is still here.`);
      return;
    }
    inFlight = false;
    store.getState().exportFinished();
    store.setState({ suggesting: false, analysingSensitivity: false, clvFitting: false });
    store.getState().showAlert(`The scoring engine stopped: ${detail}. Reload the file to continue.`);
  };

  const analyze = (model: Model): void => {
    if (!active) return;
    if (inFlight) {
      pending = model;
      return;
    }
    inFlight = true;
    requestId++;
    const { tableView, tableRange, breakdownBy } = store.getState();
    send(active, { type: 'analyze', requestId, model, table: { view: tableView, start: tableRange.start, count: tableRange.count }, breakdownBy });
  };

  const onActiveMessage = (message: EngineResponse): void => {
    switch (message.type) {
      case 'analyzed':
        inFlight = false;
        if (message.requestId === requestId) {
          store.getState().setAnalysis(message.summary, message.page, message.breakdown);
          if (!pending) {
            requestCustomer();
            requestScenario();
          }
        }
        if (pending) {
          const next = pending;
          pending = null;
          analyze(next);
        }
        return;
      case 'exported':
        if (message.requestId !== exportId) return;
        store.getState().exportFinished();
        download(message.blob, scoredFileName(store.getState().dataset?.name ?? 'customers.csv', store.getState().exportScope === 'view' ? 'view' : 'scored'));
        return;
      case 'rows':
        if (message.requestId === rowsId) store.getState().setTablePage({ total: message.total, start: message.start, rows: message.rows });
        return;
      case 'customer':
        if (message.requestId === customerId) {
          store.getState().setSelectedCustomer(message.customer);
          store.getState().setSelectedStability(message.stability ?? null);
        }
        return;
      case 'breakdown':
        if (message.requestId === breakdownId) store.getState().setBreakdown(message.breakdown);
        return;
      case 'scenario':
        if (message.requestId === scenarioId) store.getState().setScenario(message.comparison);
        return;
      case 'clv':
        if (message.requestId === clvId) store.getState().setClvOutcome(message.outcome);
        return;
      case 'sql':
        if (message.requestId === sqlId) {
          download(new Blob([message.text], { type: 'application/sql;charset=utf-8' }), `${fileStem(store.getState().dataset?.name ?? 'customers.csv')}-crs-${message.dialect}.sql`);
        }
        return;
      case 'suggested':
        if (message.requestId === suggestId) store.getState().setSuggestion(message.suggestion);
        return;
      case 'sensitivity':
        if (message.requestId === sensitivityId) {
          store.getState().setSensitivity(message.summary);
          requestCustomer(); // the explanation gains the customer's stability line
        }
        return;
      case 'failed':
        inFlight = false;
        store.getState().exportFinished();
        store.setState({ suggesting: false, analysingSensitivity: false, clvFitting: false });
        store.getState().showAlert(`Scoring failed: ${message.message}`);
        return;
      default:
        return;
    }
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
        inFlight = false;
        pending = null;
        const isModelUnchanged = store.getState().model === loadModel;
        store.getState().datasetLoaded(message.summary, isModelUnchanged ? { model: message.model, analysis: message.analysis } : undefined);
        // The model changed during the load, an imported model was fitted to the file's columns, or
        // the first dashboard left the scatter, validation and RFM to the next analysis.
        if (!isModelUnchanged || store.getState().model !== message.model || message.analysis.isPartial) analyze(store.getState().model);
        else {
          requestRows();
          requestBreakdown();
        }
        return;
      }
      case 'load-failed':
        worker.terminate();
        loading = null;
        store.setState({ loading: null });
        store.getState().showAlert(describeLoadProblem(message.problem, fileName));
        return;
      default:
        onActiveMessage(message);
    }
  };

  const startLoad = (file: Blob, fileName: string): void => {
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
    send(worker, { type: 'load', file, name: fileName, model: loadModel });
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.loading && state.loading.file !== previous.loading?.file) startLoad(state.loading.file, state.loading.fileName);
    if (!state.loading && previous.loading && loading) {
      loading.terminate();
      loading = null;
    }
    if (previous.dataset && !state.dataset) {
      // Clear data: the worker holding the columns goes too.
      active?.terminate();
      active = null;
    }
    if (state.model !== previous.model && state.dataset === previous.dataset) analyze(state.model);
    // A segment or group filter changes the dashboard's figures (an analysis, rows included); anything else only the rows.
    const filterChanged = state.tableView.rfmSegment !== previous.tableView.rfmSegment || state.tableView.group !== previous.tableView.group;
    if (filterChanged && state.dataset === previous.dataset && state.model === previous.model) analyze(state.model);
    else if ((state.tableView !== previous.tableView || state.tableRange !== previous.tableRange) && state.dataset === previous.dataset) requestRows();
    if (state.selectedRow !== previous.selectedRow) requestCustomer();
    if (state.breakdownBy !== previous.breakdownBy) requestBreakdown();
    if (state.scenarioA !== previous.scenarioA && state.dataset === previous.dataset) requestScenario();
    if (state.clvRequest !== previous.clvRequest && state.clvRequest.inputs && active) {
      clvId++;
      send(active, { type: 'clv', requestId: clvId, inputs: state.clvRequest.inputs });
    }
    if (state.sqlRequest !== previous.sqlRequest && active) {
      sqlId++;
      send(active, { type: 'sql', requestId: sqlId, model: state.model, dialect: state.sqlRequest.dialect });
    }
    if (state.suggestRequest !== previous.suggestRequest && active) {
      suggestId++;
      send(active, { type: 'suggest', requestId: suggestId, model: state.model });
    }
    if (state.sensitivityRequest !== previous.sensitivityRequest && state.sensitivityRequest !== null && active) {
      sensitivityId++;
      send(active, { type: 'sensitivity', requestId: sensitivityId, model: state.sensitivityRequest.model });
    }
    if (state.exportRequest !== previous.exportRequest && active) {
      exportId++;
      send(active, { type: 'export', requestId: exportId, model: state.model, view: state.exportScope === 'view' ? state.tableView : null });
    }
  });

  return () => {
    unsubscribe();
    active?.terminate();
    loading?.terminate();
    spare?.terminate();
  };
}
