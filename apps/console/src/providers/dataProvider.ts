import { fetchUtils, HttpError, type DataProvider } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { API_URL, languageHeader } from './authProvider';
import { getToken } from './session';

function headersFor(options: fetchUtils.Options): Headers {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  headers.set('Accept-Language', languageHeader());
  return headers;
}

/** Every request carries the bearer token and the console's language; a 401 reaches authProvider.checkError. */
export const httpClient = (url: string, options: fetchUtils.Options = {}) => {
  const token = getToken();
  return fetchUtils.fetchJson(url, {
    ...options,
    headers: headersFor(options),
    user: token ? { authenticated: true, token: `Bearer ${token}` } : undefined,
  });
};

/** The API's `message` (a string, or a list of field messages), else the HTTP status text. */
function errorOf(status: number, statusText: string, body: unknown): HttpError {
  let message = statusText;
  if (body && typeof body === 'object' && 'message' in body) {
    const m = (body as { message: unknown }).message;
    if (typeof m === 'string' && m) message = m;
    else if (Array.isArray(m) && m.length) message = m.join('；');
  }
  return new HttpError(message, status, body);
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

const simple = simpleRestProvider(API_URL, httpClient);

/** What the console asks of the API beyond react-admin's CRUD: transitions, actions, uploads, files. */
export interface DubanDataProvider extends DataProvider {
  /** GET /api/<path> → the JSON body. */
  getJson<T = unknown>(path: string): Promise<T>;
  /** POST /api/<path> with a JSON body → the JSON body (transitions, respond, sweep, bulk approve…). */
  postJson<T = unknown>(path: string, body?: unknown, method?: 'POST' | 'PUT'): Promise<T>;
  /** POST /api/<path> with a multipart form (a plan document…) → the JSON body. */
  postForm<T = unknown>(path: string, form: FormData): Promise<T>;
  /** POST /api/reports/:id/evidence with the file, reporting upload progress (XMLHttpRequest). */
  /** POST /api/<owner>/evidence, owner being `reports/:id` or `indicator-values/:id` (the evidence module's one path). */
  uploadEvidence(owner: string, file: File, onProgress: (p: UploadProgress) => void): Promise<unknown>;
  /** A file fetched with the token, as a blob (evidence content, exports); the caller revokes its URL. */
  fetchBlob(path: string): Promise<Blob>;
}

export const dataProvider: DubanDataProvider = {
  ...simple,
  async getJson<T>(path: string) {
    const { json } = await httpClient(`${API_URL}/${path}`);
    return json as T;
  },
  async postJson<T>(path: string, body: unknown = {}, method: 'POST' | 'PUT' = 'POST') {
    const { json } = await httpClient(`${API_URL}/${path}`, { method, body: JSON.stringify(body) });
    return json as T;
  },
  async postForm<T>(path: string, form: FormData) {
    // fetchJson leaves the multipart Content-Type (with its boundary) to the browser for a FormData body.
    const { json } = await httpClient(`${API_URL}/${path}`, { method: 'POST', body: form });
    return json as T;
  },
  uploadEvidence(owner, file, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${API_URL}/${owner}/evidence`);
      const token = getToken();
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Accept-Language', languageHeader());
      xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body);
        else reject(errorOf(xhr.status, xhr.statusText, body));
      };
      xhr.onerror = () => reject(new HttpError('网络错误，上传未完成', 0));
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  },
  async fetchBlob(path) {
    const token = getToken();
    const response = await fetch(`${API_URL}/${path}`, {
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Accept-Language': languageHeader() },
    });
    if (!response.ok) {
      const body = await response.json().catch(() => undefined);
      throw errorOf(response.status, response.statusText, body);
    }
    return response.blob();
  },
};
