// Where the public statistics are: the page, and the API that gives the same numbers as JSON or CSV.
export const STATISTICS_PATH = '/statistikk';
export const STATISTICS_API_PATH = '/api/v1/statistikk';
