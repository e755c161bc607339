import { fetchUtils, type DataProvider } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { API_URL } from './authProvider';
import { getToken } from './session';

/** Every request carries the bearer token; a 401 reaches authProvider.checkError, which logs out. */
export const httpClient = (url: string, options: fetchUtils.Options = {}) => {
  const token = getToken();
  return fetchUtils.fetchJson(url, {
    ...options,
    user: token ? { authenticated: true, token: `Bearer ${token}` } : undefined,
  });
};

export const dataProvider: DataProvider = simpleRestProvider(API_URL, httpClient);
