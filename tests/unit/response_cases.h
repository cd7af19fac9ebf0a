/* Generated from Python 3.11.7 http.client: expected results of each case. */
{ "HTTP/1.1 200 OK\015\012Content-Length: 3\015\012\015\012abc", 41, 0, 0, NULL, 0, 41, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 3, S("OK", 2, 0), S("Content-Length\0013\002", 17, 0), 2, {
    { "read", -1, S("abc", 3, 0), NULL, S(NULL, 0, 0), 1, 0 },
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 400.100 Not Ok\015\012\015\012", 27, 0, 0, NULL, 0, 27, "GET", 1,
  "BadStatusLine", S("HTTP/1.1 400.100 Not Ok\015\012", 25, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "", 0, 0, 0, NULL, 0, 0, "GET", 1,
  "RemoteDisconnected", S("Remote end closed connection without response", 45, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.0\015\012\015\012", 12, 0, 0, NULL, 0, 12, "GET", 1,
  "BadStatusLine", S("HTTP/1.0\015\012", 10, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "\015\012", 2, 0, 0, NULL, 0, 2, "GET", 1,
  "BadStatusLine", S("\015\012", 2, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "http/1.1 200 OK\015\012\015\012", 19, 0, 0, NULL, 0, 19, "GET", 1,
  "BadStatusLine", S("http/1.1 200 OK\015\012", 17, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "ICY 200 OK\015\012\015\012", 14, 0, 0, NULL, 0, 14, "GET", 1,
  "BadStatusLine", S("ICY 200 OK\015\012", 12, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.1 099 X\015\012\015\012", 18, 0, 0, NULL, 0, 18, "GET", 1,
  "BadStatusLine", S("HTTP/1.1 099 X\015\012", 16, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.1 1000 X\015\012\015\012", 19, 0, 0, NULL, 0, 19, "GET", 1,
  "BadStatusLine", S("HTTP/1.1 1000 X\015\012", 17, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.1 +200 OK\015\012Content-Length: 0\015\012\015\012", 39, 0, 0, NULL, 0, 39, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S("Content-Length\0010\002", 17, 0), 1, {
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 2_00 OK\015\012Content-Length: 0\015\012\015\012", 39, 0, 0, NULL, 0, 39, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S("Content-Length\0010\002", 17, 0), 0, {
  } },
{ "HTTP/1.1\240200\205OK\015\012Content-Length: 0\015\012\015\012", 38, 0, 0, NULL, 0, 38, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S("Content-Length\0010\002", 17, 0), 0, {
  } },
{ "  HTTP/1.1   404   Not  Found \011\015\012\015\012", 35, 0, 0, NULL, 0, 35, "GET", 1,
  NULL, S(NULL, 0, 0), 404, 11, 1, 0, -1, S("Not  Found", 10, 0), S("", 0, 0), 1, {
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200\015\012Content-Length: 1\015\012\015\012x", 36, 0, 0, NULL, 0, 36, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 1, S("", 0, 0), S("Content-Length\0011\002", 17, 0), 1, {
    { "read", -1, S("x", 1, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200\034\015\012\015\012", 17, 0, 0, NULL, 0, 17, "GET", 1,
  "BadStatusLine", S("HTTP/1.1 200\034\015\012", 15, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.1 200\034OK\037\015\012Content-Length: 0\015\012\015\012", 39, 0, 0, NULL, 0, 39, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S("Content-Length\0010\002", 17, 0), 0, {
  } },
{ "HTTP/1.1 200 OK\012Content-Length: 2\012\012hi", 37, 0, 0, NULL, 0, 37, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 2, S("OK", 2, 0), S("Content-Length\0012\002", 17, 0), 1, {
    { "read", -1, S("hi", 2, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/2.0 200 OK\015\012\015\012", 19, 0, 0, NULL, 0, 19, "GET", 1,
  "UnknownProtocol", S("HTTP/2.0", 8, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1 200 OK\015\012\015\012", 17, 0, 0, NULL, 0, 17, "GET", 1,
  "UnknownProtocol", S("HTTP/1", 6, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/2 abc\015\012\015\012", 14, 0, 0, NULL, 0, 14, "GET", 1,
  "BadStatusLine", S("HTTP/2 abc\015\012", 12, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.5 200 OK\015\012Content-Length: 0\015\012\015\012", 38, 0, 0, NULL, 0, 38, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S("Content-Length\0010\002", 17, 0), 0, {
  } },
{ "HTTP/0.9 200 OK\015\012Content-Length: 0\015\012\015\012", 38, 0, 0, NULL, 0, 38, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 10, 1, 0, 0, S("OK", 2, 0), S("Content-Length\0010\002", 17, 0), 0, {
  } },
{ "HTTP/1.1 200 \351t\351\015\012Content-Length: 0\015\012\015\012", 39, 0, 0, NULL, 0, 39, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("\303\251t\303\251", 5, 0), S("Content-Length\0010\002", 17, 0), 0, {
  } },
{ "<html>hello</html>", 18, 0, 0, NULL, 0, 18, "GET", 1,
  "BadStatusLine", S("<html>hello</html>", 18, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.1 200 OK", 15, 0, 0, NULL, 0, 15, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("", 0, 0), 1, {
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 100 Continue\015\012X-Interim: 1\015\012\015\012HTTP/1.1 100 Continue\015\012\015\012HTTP/1.1 200 OK\015\012Content-Length: 2\015\012\015\012ok", 104, 0, 0, NULL, 0, 104, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 2, S("OK", 2, 0), S("Content-Length\0012\002", 17, 0), 1, {
    { "read", -1, S("ok", 2, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 100 Continue\015\012\015\012", 25, 0, 0, NULL, 0, 25, "GET", 1,
  "RemoteDisconnected", S("Remote end closed connection without response", 45, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.1 101 Switching\015\012Upgrade: x\015\012\015\012HTTP/1.1 200 OK\015\012\015\012", 57, 0, 0, NULL, 0, 57, "GET", 1,
  NULL, S(NULL, 0, 0), 101, 11, 0, 0, 0, S("Switching", 9, 0), S("Upgrade\001x\002", 10, 0), 1, {
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 103 Early\015\012Link: x\015\012\015\012HTTP/1.1 200 OK\015\012\015\012", 50, 0, 0, NULL, 0, 50, "GET", 1,
  NULL, S(NULL, 0, 0), 103, 11, 0, 0, 0, S("Early", 5, 0), S("Link\001x\002", 7, 0), 1, {
    { "read", 5, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/2 100 Continue\015\012\015\012HTTP/1.1 200 OK\015\012Content-Length: 0\015\012\015\012", 61, 0, 0, NULL, 0, 61, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S("Content-Length\0010\002", 17, 0), 0, {
  } },
{ "HTTP/1.1 200 OK\015\012X: a\015b: c\015\012Content-Length: 1\015\012\015\012z", 50, 0, 0, NULL, 0, 50, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 1, S("OK", 2, 0), S("X\001a\002b\001c\002Content-Length\0011\002", 25, 0), 1, {
    { "read", -1, S("z", 1, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012X: a\015\015\012Content-Length: 1\015\012\015\012zz", 47, 0, 0, NULL, 0, 47, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("X\001a\002", 4, 0), 1, {
    { "read", -1, S("zz", 2, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012A: 1\015\012Garbage line\015\012Content-Length: 1\015\012\015\012zz", 60, 0, 0, NULL, 0, 60, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("A\0011\002", 4, 0), 1, {
    { "read", -1, S("zz", 2, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012A: 1\015\012Name : v\015\012Content-Length: 1\015\012\015\012zz", 56, 0, 0, NULL, 0, 56, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("A\0011\002", 4, 0), 1, {
    { "read", -1, S("zz", 2, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012N\344me: v\015\012Content-Length: 1\015\012\015\012zz", 49, 0, 0, NULL, 0, 49, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("", 0, 0), 1, {
    { "read", -1, S("zz", 2, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012A\011: v\015\012Content-Length: 1\015\012\015\012zz", 47, 0, 0, NULL, 0, 47, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("", 0, 0), 1, {
    { "read", -1, S("zz", 2, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012: empty\015\012Content-Length: 2\015\012\015\012zz", 49, 0, 0, NULL, 0, 49, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 2, S("OK", 2, 0), S("Content-Length\0012\002", 17, 0), 1, {
    { "read", -1, S("zz", 2, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012 lead\015\012Content-Length: 2\015\012\015\012zz", 47, 0, 0, NULL, 0, 47, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 2, S("OK", 2, 0), S("Content-Length\0012\002", 17, 0), 1, {
    { "read", -1, S("zz", 2, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012From nobody\015\012 cont\015\012Content-Length: 2\015\012From x\015\012\015\012zz", 68, 0, 0, NULL, 0, 68, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 2, S("OK", 2, 0), S("Content-Length\0012\002", 17, 0), 1, {
    { "read", -1, S("zz", 2, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012X: a \015\012Y:\011b\011\015\012Z:\015\012  folded\015\012\011more\015\012Content-Length: 0\015\012\015\012", 73, 0, 0, NULL, 0, 73, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S("X\001a \002Y\001b\011\002Z\001\015\012  folded\015\012\011more\002Content-Length\0010\002", 47, 0), 0, {
  } },
{ "HTTP/1.1 200 OK\015\012X: a\000\013\205\377\015\012Content-Length: 0\015\012\015\012", 48, 0, 0, NULL, 0, 48, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S("X\001a\000\013\205\377\002Content-Length\0010\002", 25, 0), 0, {
  } },
{ "HTTP/1.1 200 OK\015\012Set-Cookie: a\015\012set-cookie: b\015\012Content-Length: 0\015\012\015\012", 68, 0, 0, NULL, 0, 68, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S("Set-Cookie\001a\002set-cookie\001b\002Content-Length\0010\002", 43, 0), 0, {
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: gzip\015\012Transfer-Encoding: chunked\015\012Content-Length: 2\015\012\015\012zzz", 94, 0, 0, NULL, 0, 94, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 2, S("OK", 2, 0), S("Transfer-Encoding\001gzip\002Transfer-Encoding\001chunked\002Content-Length\0012\002", 66, 0), 1, {
    { "read", -1, S("zz", 2, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012Connection: keep-alive\015\012Connection: close\015\012Content-Length: 0\015\012\015\012", 81, 0, 0, NULL, 0, 81, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S("Connection\001keep-alive\002Connection\001close\002Content-Length\0010\002", 56, 0), 0, {
  } },
{ "HTTP/1.1 200 OK\015\012X: 1\015\012", 23, 0, 0, NULL, 0, 23, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("X\0011\002", 4, 0), 1, {
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012X: 1", 21, 0, 0, NULL, 0, 21, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("X\0011\002", 4, 0), 1, {
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012H0: v\015\012H1: v\015\012H2: v\015\012H3: v\015\012H4: v\015\012H5: v\015\012H6: v\015\012H7: v\015\012H8: v\015\012H9: v\015\012H10: v\015\012H11: v\015\012H12: v\015\012H13: v\015\012H14: v\015\012H15: v\015\012H16: v\015\012H17: v\015\012H18: v\015\012H19: v\015\012H20: v\015\012H21: v\015\012H22: v\015\012H23: v\015\012H24: v\015\012H25: v\015\012H26: v\015\012H27: v\015\012H28: v\015\012H29: v\015\012H30: v\015\012H31: v\015\012H32: v\015\012H33: v\015\012H34: v\015\012H35: v\015\012H36: v\015\012H37: v\015\012H38: v\015\012H39: v\015\012H40: v\015\012H41: v\015\012H42: v\015\012H43: v\015\012H44: v\015\012H45: v\015\012H46: v\015\012H47: v\015\012H48: v\015\012H49: v\015\012H50: v\015\012H51: v\015\012H52: v\015\012H53: v\015\012H54: v\015\012H55: v\015\012H56: v\015\012H57: v\015\012H58: v\015\012H59: v\015\012H60: v\015\012H61: v\015\012H62: v\015\012H63: v\015\012H64: v\015\012H65: v\015\012H66: v\015\012H67: v\015\012H68: v\015\012H69: v\015\012H70: v\015\012H71: v\015\012H72: v\015\012H73: v\015\012H74: v\015\012H75: v\015\012H76: v\015\012H77: v\015\012H78: v\015\012H79: v\015\012H80: v\015\012H81: v\015\012H82: v\015\012H83: v\015\012H84: v\015\012H85: v\015\012H86: v\015\012H87: v\015\012H88: v\015\012H89: v\015\012H90: v\015\012H91: v\015\012H92: v\015\012H93: v\015\012H94: v\015\012H95: v\015\012H96: v\015\012H97: v\015\012H98: v\015\012Content-Length: 0\015\012\015\012", 820, 0, 0, NULL, 0, 820, "GET", 2,
  "HTTPException", S("got more than 100 headers", 25, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.1 200 OK\015\012H0: v\015\012H1: v\015\012H2: v\015\012H3: v\015\012H4: v\015\012H5: v\015\012H6: v\015\012H7: v\015\012H8: v\015\012H9: v\015\012H10: v\015\012H11: v\015\012H12: v\015\012H13: v\015\012H14: v\015\012H15: v\015\012H16: v\015\012H17: v\015\012H18: v\015\012H19: v\015\012H20: v\015\012H21: v\015\012H22: v\015\012H23: v\015\012H24: v\015\012H25: v\015\012H26: v\015\012H27: v\015\012H28: v\015\012H29: v\015\012H30: v\015\012H31: v\015\012H32: v\015\012H33: v\015\012H34: v\015\012H35: v\015\012H36: v\015\012H37: v\015\012H38: v\015\012H39: v\015\012H40: v\015\012H41: v\015\012H42: v\015\012H43: v\015\012H44: v\015\012H45: v\015\012H46: v\015\012H47: v\015\012H48: v\015\012H49: v\015\012H50: v\015\012H51: v\015\012H52: v\015\012H53: v\015\012H54: v\015\012H55: v\015\012H56: v\015\012H57: v\015\012H58: v\015\012H59: v\015\012H60: v\015\012H61: v\015\012H62: v\015\012H63: v\015\012H64: v\015\012H65: v\015\012H66: v\015\012H67: v\015\012H68: v\015\012H69: v\015\012H70: v\015\012H71: v\015\012H72: v\015\012H73: v\015\012H74: v\015\012H75: v\015\012H76: v\015\012H77: v\015\012H78: v\015\012H79: v\015\012H80: v\015\012H81: v\015\012H82: v\015\012H83: v\015\012H84: v\015\012H85: v\015\012H86: v\015\012H87: v\015\012H88: v\015\012H89: v\015\012H90: v\015\012H91: v\015\012H92: v\015\012H93: v\015\012H94: v\015\012H95: v\015\012H96: v\015\012H97: v\015\012H98: v\015\012\015\012", 801, 0, 0, NULL, 0, 801, "GET", 2,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S(NULL, 584, 0xcf37491au), 0, {
  } },
{ "HTTP/1.1 200 OK\015\012H0: v\015\012H1: v\015\012H2: v\015\012H3: v\015\012H4: v\015\012H5: v\015\012H6: v\015\012H7: v\015\012H8: v\015\012H9: v\015\012H10: v\015\012H11: v\015\012H12: v\015\012H13: v\015\012H14: v\015\012H15: v\015\012H16: v\015\012H17: v\015\012H18: v\015\012H19: v\015\012H20: v\015\012H21: v\015\012H22: v\015\012H23: v\015\012H24: v\015\012H25: v\015\012H26: v\015\012H27: v\015\012H28: v\015\012H29: v\015\012H30: v\015\012H31: v\015\012H32: v\015\012H33: v\015\012H34: v\015\012H35: v\015\012H36: v\015\012H37: v\015\012H38: v\015\012H39: v\015\012H40: v\015\012H41: v\015\012H42: v\015\012H43: v\015\012H44: v\015\012H45: v\015\012H46: v\015\012H47: v\015\012H48: v\015\012H49: v\015\012H50: v\015\012H51: v\015\012H52: v\015\012H53: v\015\012H54: v\015\012H55: v\015\012H56: v\015\012H57: v\015\012H58: v\015\012H59: v\015\012H60: v\015\012H61: v\015\012H62: v\015\012H63: v\015\012H64: v\015\012H65: v\015\012H66: v\015\012H67: v\015\012H68: v\015\012H69: v\015\012H70: v\015\012H71: v\015\012H72: v\015\012H73: v\015\012H74: v\015\012H75: v\015\012H76: v\015\012H77: v\015\012H78: v\015\012H79: v\015\012H80: v\015\012H81: v\015\012H82: v\015\012H83: v\015\012H84: v\015\012H85: v\015\012H86: v\015\012H87: v\015\012H88: v\015\012H89: v\015\012H90: v\015\012H91: v\015\012H92: v\015\012H93: v\015\012H94: v\015\012H95: v\015\012H96: v\015\012H97: v\015\012H98: v\015\012H99: v\015\012\015\012", 809, 0, 0, NULL, 0, 809, "GET", 2,
  "HTTPException", S("got more than 100 headers", 25, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.1 100 Continue\015\012H0: v\015\012H1: v\015\012H2: v\015\012H3: v\015\012H4: v\015\012H5: v\015\012H6: v\015\012H7: v\015\012H8: v\015\012H9: v\015\012H10: v\015\012H11: v\015\012H12: v\015\012H13: v\015\012H14: v\015\012H15: v\015\012H16: v\015\012H17: v\015\012H18: v\015\012H19: v\015\012H20: v\015\012H21: v\015\012H22: v\015\012H23: v\015\012H24: v\015\012H25: v\015\012H26: v\015\012H27: v\015\012H28: v\015\012H29: v\015\012H30: v\015\012H31: v\015\012H32: v\015\012H33: v\015\012H34: v\015\012H35: v\015\012H36: v\015\012H37: v\015\012H38: v\015\012H39: v\015\012H40: v\015\012H41: v\015\012H42: v\015\012H43: v\015\012H44: v\015\012H45: v\015\012H46: v\015\012H47: v\015\012H48: v\015\012H49: v\015\012H50: v\015\012H51: v\015\012H52: v\015\012H53: v\015\012H54: v\015\012H55: v\015\012H56: v\015\012H57: v\015\012H58: v\015\012H59: v\015\012H60: v\015\012H61: v\015\012H62: v\015\012H63: v\015\012H64: v\015\012H65: v\015\012H66: v\015\012H67: v\015\012H68: v\015\012H69: v\015\012H70: v\015\012H71: v\015\012H72: v\015\012H73: v\015\012H74: v\015\012H75: v\015\012H76: v\015\012H77: v\015\012H78: v\015\012H79: v\015\012H80: v\015\012H81: v\015\012H82: v\015\012H83: v\015\012H84: v\015\012H85: v\015\012H86: v\015\012H87: v\015\012H88: v\015\012H89: v\015\012H90: v\015\012H91: v\015\012H92: v\015\012H93: v\015\012H94: v\015\012H95: v\015\012H96: v\015\012H97: v\015\012H98: v\015\012H99: v\015\012\015\012HTTP/1.1 200 OK\015\012\015\012", 834, 0, 0, NULL, 0, 834, "GET", 2,
  "HTTPException", S("got more than 100 headers", 25, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.1 200 ", 13, 120, 65521, "\015\012Content-Length: 0\015\012\015\012", 23, 65557, "GET", 2,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S(NULL, 65521, 0x1872c2d5u), S("Content-Length\0010\002", 17, 0), 0, {
  } },
{ "HTTP/1.1 200 ", 13, 120, 65522, "\015\012Content-Length: 0\015\012\015\012", 23, 65558, "GET", 2,
  "LineTooLong", S("got more than 65536 bytes when reading status line", 50, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.1 200 OK\015\012X: ", 20, 121, 65531, "\015\012Content-Length: 0\015\012\015\012", 23, 65574, "GET", 2,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S(NULL, 65551, 0xf46b3cb0u), 0, {
  } },
{ "HTTP/1.1 200 OK\015\012X: ", 20, 121, 65532, "\015\012Content-Length: 0\015\012\015\012", 23, 65575, "GET", 2,
  "LineTooLong", S("got more than 65536 bytes when reading header line", 50, 0), 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked \015\012Content-Length: 2\015\012\015\012zzz", 70, 0, 0, NULL, 0, 70, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 2, S("OK", 2, 0), S("Transfer-Encoding\001chunked \002Content-Length\0012\002", 44, 0), 1, {
    { "read", -1, S("zz", 2, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: gzip, chunked\015\012\015\012zzz", 56, 0, 0, NULL, 0, 56, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("Transfer-Encoding\001gzip, chunked\002", 32, 0), 1, {
    { "read", -1, S("zzz", 3, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding:   CHUNKED\015\012Content-Length: 99\015\012\015\0121\015\012z\015\0120\015\012\015\012", 80, 0, 0, NULL, 0, 80, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001CHUNKED\002Content-Length\00199\002", 44, 0), 1, {
    { "read", -1, S("z", 1, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Connection: keep-alive, close\015\012Content-Length: 0\015\012\015\012", 69, 0, 0, NULL, 0, 69, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, 0, S("OK", 2, 0), S("Connection\001keep-alive, close\002Content-Length\0010\002", 46, 0), 0, {
  } },
{ "HTTP/1.1 200 OK\015\012Connection: xCLOSEx\015\012Content-Length: 0\015\012\015\012", 59, 0, 0, NULL, 0, 59, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, 0, S("OK", 2, 0), S("Connection\001xCLOSEx\002Content-Length\0010\002", 36, 0), 0, {
  } },
{ "HTTP/1.0 200 OK\015\012Content-Length: 0\015\012\015\012", 38, 0, 0, NULL, 0, 38, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 10, 1, 0, 0, S("OK", 2, 0), S("Content-Length\0010\002", 17, 0), 0, {
  } },
{ "HTTP/1.0 200 OK\015\012Keep-Alive: timeout=5\015\012Content-Length: 0\015\012\015\012", 61, 0, 0, NULL, 0, 61, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 10, 0, 0, 0, S("OK", 2, 0), S("Keep-Alive\001timeout=5\002Content-Length\0010\002", 38, 0), 0, {
  } },
{ "HTTP/1.0 200 OK\015\012Keep-Alive:\015\012Content-Length: 0\015\012\015\012", 51, 0, 0, NULL, 0, 51, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 10, 1, 0, 0, S("OK", 2, 0), S("Keep-Alive\001\002Content-Length\0010\002", 29, 0), 0, {
  } },
{ "HTTP/1.0 200 OK\015\012Connection: Keep-Alive, close\015\012Content-Length: 0\015\012\015\012", 69, 0, 0, NULL, 0, 69, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 10, 0, 0, 0, S("OK", 2, 0), S("Connection\001Keep-Alive, close\002Content-Length\0010\002", 46, 0), 0, {
  } },
{ "HTTP/1.0 200 OK\015\012Proxy-Connection: keep-alive\015\012Content-Length: 0\015\012\015\012", 68, 0, 0, NULL, 0, 68, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 10, 0, 0, 0, S("OK", 2, 0), S("Proxy-Connection\001keep-alive\002Content-Length\0010\002", 45, 0), 0, {
  } },
{ "HTTP/1.0 200 OK\015\012Connection: keep-alive\015\012\015\012to eof", 49, 0, 0, NULL, 0, 49, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 10, 1, 0, -1, S("OK", 2, 0), S("Connection\001keep-alive\002", 22, 0), 1, {
    { "read", -1, S("to eof", 6, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: +5\015\012\015\01212345", 44, 0, 0, NULL, 0, 44, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 5, S("OK", 2, 0), S("Content-Length\001+5\002", 18, 0), 1, {
    { "read", -1, S("12345", 5, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 5_0\015\012\015\01212345", 45, 0, 0, NULL, 0, 45, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 50, S("OK", 2, 0), S("Content-Length\0015_0\002", 19, 0), 1, {
    { "read", -1, S("12345", 5, 0), "IncompleteRead", S("IncompleteRead(5 bytes read, 45 more expected)", 46, 0), 1, 50 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: \2403\240\015\012\015\01212345", 45, 0, 0, NULL, 0, 45, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 3, S("OK", 2, 0), S("Content-Length\001\2403\240\002", 19, 0), 1, {
    { "read", -1, S("123", 3, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 0x3\015\012\015\01212345", 45, 0, 0, NULL, 0, 45, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("Content-Length\0010x3\002", 19, 0), 1, {
    { "read", -1, S("12345", 5, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 3, 3\015\012\015\01212345", 46, 0, 0, NULL, 0, 46, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("Content-Length\0013, 3\002", 20, 0), 1, {
    { "read", -1, S("12345", 5, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: -1\015\012\015\01212345", 44, 0, 0, NULL, 0, 44, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("Content-Length\001-1\002", 18, 0), 1, {
    { "read", -1, S("12345", 5, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length:\015\012\015\01212345", 41, 0, 0, NULL, 0, 41, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("Content-Length\001\002", 16, 0), 1, {
    { "read", -1, S("12345", 5, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 99999999999999999999999\015\012\015\01212345", 65, 0, 0, NULL, 0, 65, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 9223372036854775807, S("OK", 2, 0), S("Content-Length\00199999999999999999999999\002", 39, 0), 1, {
    { "read", 3, S("123", 3, 0), NULL, S(NULL, 0, 0), 0, 9223372036854775807 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: ", 33, 49, 4301, "\015\012\015\012abc", 7, 4341, "GET", 2,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S(NULL, 4317, 0xd745b828u), 1, {
    { "read", -1, S("abc", 3, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 3\015\012Content-Length: 5\015\012\015\01212345", 62, 0, 0, NULL, 0, 62, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 3, S("OK", 2, 0), S("Content-Length\0013\002Content-Length\0015\002", 34, 0), 1, {
    { "read", -1, S("123", 3, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 204 No Content\015\012Content-Length: 5\015\012\015\01212345", 51, 0, 0, NULL, 0, 51, "GET", 1,
  NULL, S(NULL, 0, 0), 204, 11, 0, 0, 0, S("No Content", 10, 0), S("Content-Length\0015\002", 17, 0), 1, {
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 304 Not Modified\015\012\015\01212345", 34, 0, 0, NULL, 0, 34, "GET", 1,
  NULL, S(NULL, 0, 0), 304, 11, 0, 0, 0, S("Not Modified", 12, 0), S("", 0, 0), 1, {
    { "read", 2, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 5\015\012\015\01212345", 43, 0, 0, NULL, 0, 43, "HEAD", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S("Content-Length\0015\002", 17, 0), 5, {
    { "read1", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 0, 0 },
    { "readline", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 0, 0 },
    { "peek", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 0, 0 },
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 5\015\012\015\01212345", 43, 0, 0, NULL, 0, 43, "head", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 5, S("OK", 2, 0), S("Content-Length\0015\002", 17, 0), 1, {
    { "read", -1, S("12345", 5, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012Connection: close\015\012\015\01212345", 43, 0, 0, NULL, 0, 43, "HEAD", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, 0, S("OK", 2, 0), S("Connection\001close\002", 17, 0), 0, {
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 10\015\012\015\0121234567", 46, 0, 0, NULL, 0, 46, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 10, S("OK", 2, 0), S("Content-Length\00110\002", 18, 0), 2, {
    { "read", -1, S("1234567", 7, 0), "IncompleteRead", S("IncompleteRead(7 bytes read, 3 more expected)", 45, 0), 1, 10 },
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 10 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 10\015\012\015\0121234567", 46, 0, 0, NULL, 0, 46, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 10, S("OK", 2, 0), S("Content-Length\00110\002", 18, 0), 3, {
    { "read", 4, S("1234", 4, 0), NULL, S(NULL, 0, 0), 0, 6 },
    { "read", 10, S("567", 3, 0), NULL, S(NULL, 0, 0), 0, 3 },
    { "read", 1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 3 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 5\015\012\015\01212345EXTRA", 48, 0, 0, NULL, 0, 48, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 5, S("OK", 2, 0), S("Content-Length\0015\002", 17, 0), 4, {
    { "read", 0, S("", 0, 0), NULL, S(NULL, 0, 0), 0, 5 },
    { "read", 3, S("123", 3, 0), NULL, S(NULL, 0, 0), 0, 2 },
    { "read", 9, S("45", 2, 0), NULL, S(NULL, 0, 0), 1, 0 },
    { "read", 1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 0\015\012\015\012", 38, 0, 0, NULL, 0, 38, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 0, S("OK", 2, 0), S("Content-Length\0010\002", 17, 0), 1, {
    { "read", 0, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012\015\012line1\012line2\012\012last", 36, 0, 0, NULL, 0, 36, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("", 0, 0), 8, {
    { "readline", -1, S("line1\012", 6, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "readline", 3, S("lin", 3, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "readline", 0, S("", 0, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "readline", -1, S("e2\012", 3, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "readline", -1, S("\012", 1, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "readline", -1, S("last", 4, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "readline", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 8\015\012\015\012ab\012cd\012efXX", 48, 0, 0, NULL, 0, 48, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 8, S("OK", 2, 0), S("Content-Length\0018\002", 17, 0), 4, {
    { "readline", -1, S("ab\012", 3, 0), NULL, S(NULL, 0, 0), 0, 5 },
    { "readline", -1, S("cd\012", 3, 0), NULL, S(NULL, 0, 0), 0, 2 },
    { "readline", -1, S("ef", 2, 0), NULL, S(NULL, 0, 0), 0, 0 },
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 8\015\012\015\012ab\012cd\012efXX", 48, 0, 0, NULL, 0, 48, "GET", 0,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 8, S("OK", 2, 0), S("Content-Length\0018\002", 17, 0), 5, {
    { "read1", 3, S("ab\012", 3, 0), NULL, S(NULL, 0, 0), 0, 5 },
    { "read1", -1, S("cd\012ef", 5, 0), NULL, S(NULL, 0, 0), 0, 0 },
    { "read1", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 0, 0 },
    { "peek", -1, S("XX", 2, 0), NULL, S(NULL, 0, 0), 0, 0 },
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 8\015\012\015\012ab", 40, 0, 0, NULL, 0, 40, "GET", 0,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 8, S("OK", 2, 0), S("Content-Length\0018\002", 17, 0), 3, {
    { "read1", -1, S("ab", 2, 0), NULL, S(NULL, 0, 0), 0, 6 },
    { "read1", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 6 },
    { "read1", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 6 },
  } },
{ "HTTP/1.1 200 OK\015\012\015\012abc", 22, 0, 0, NULL, 0, 22, "GET", 0,
  NULL, S(NULL, 0, 0), 200, 11, 1, 0, -1, S("OK", 2, 0), S("", 0, 0), 6, {
    { "peek", -1, S("abc", 3, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read", 1, S("a", 1, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "peek", -1, S("bc", 2, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read1", -1, S("bc", 2, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read1", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
    { "read1", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 3\015\012\015\012abcNEXT", 45, 0, 0, NULL, 0, 45, "GET", 0,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 3, S("OK", 2, 0), S("Content-Length\0013\002", 17, 0), 3, {
    { "peek", -1, S("abcNEXT", 7, 0), NULL, S(NULL, 0, 0), 0, 3 },
    { "read", -1, S("abc", 3, 0), NULL, S(NULL, 0, 0), 1, 0 },
    { "peek", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 0 },
  } },
{ "HTTP/1.1 200 OK\015\012Content-Length: 3\015\012\015\012abc", 41, 0, 0, NULL, 0, 41, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 0, 3, S("OK", 2, 0), S("Content-Length\0013\002", 17, 0), 2, {
    { "close", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 3 },
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, 3 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\0125\015\012defgh\015\0120\015\012\015\012", 70, 0, 0, NULL, 0, 70, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 2, {
    { "read", -1, S("abcdefgh", 8, 0), NULL, S(NULL, 0, 0), 1, -1 },
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abcXY2\015\012de\015\0120\015\012\015\012", 67, 0, 0, NULL, 0, 67, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("abcde", 5, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\012 0x3 \015\012abc\015\012+2\015\012de\015\0120_1\015\012f\015\0120003;ext=1\015\012ghi\015\0120\015\012\015\012", 97, 0, 0, NULL, 0, 97, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("abcdefghi", 9, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\012abc\0120\012\012", 56, 0, 0, NULL, 0, 56, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("abc", 3, 0), "IncompleteRead", S("IncompleteRead(3 bytes read)", 28, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\0120\015\012Trailer: 1\015\012More: 2\015\012\015\012NEXT", 85, 0, 0, NULL, 0, 85, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("abc", 3, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\0120\015\012", 58, 0, 0, NULL, 0, 58, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("abc", 3, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\0120\015\012T: 1", 62, 0, 0, NULL, 0, 62, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("abc", 3, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\012-1\015\012abcdefgh", 59, 0, 0, NULL, 0, 59, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("abcdefgh", 8, 0), "IncompleteRead", S("IncompleteRead(8 bytes read)", 28, 0), 0, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\012-5\015\012abcdefgh", 59, 0, 0, NULL, 0, 59, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("", 0, 0), "ValueError", S("read length must be non-negative or -1", 38, 0), 0, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\0125\015\012de", 60, 0, 0, NULL, 0, 60, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 2, {
    { "read", -1, S("abc", 3, 0), "IncompleteRead", S("IncompleteRead(3 bytes read)", 28, 0), 0, -1 },
    { "read", -1, S("", 0, 0), "IncompleteRead", S("IncompleteRead(0 bytes read)", 28, 0), 0, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\0125\015\012de", 60, 0, 0, NULL, 0, 60, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", 4, S("abcd", 4, 0), NULL, S(NULL, 0, 0), 0, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\012zz\015\012more", 63, 0, 0, NULL, 0, 63, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 2, {
    { "read", -1, S("abc", 3, 0), "IncompleteRead", S("IncompleteRead(3 bytes read)", 28, 0), 1, -1 },
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\012", 55, 0, 0, NULL, 0, 55, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("abc", 3, 0), "IncompleteRead", S("IncompleteRead(3 bytes read)", 28, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015", 54, 0, 0, NULL, 0, 54, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("abc", 3, 0), "IncompleteRead", S("IncompleteRead(3 bytes read)", 28, 0), 0, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\012", 47, 0, 0, NULL, 0, 47, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("", 0, 0), "IncompleteRead", S("IncompleteRead(0 bytes read)", 28, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\0122\015\012de\015\0120\015\012\015\012", 67, 0, 0, NULL, 0, 67, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 4, {
    { "read", 3, S("abc", 3, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read", 2, S("de", 2, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read", 0, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
    { "read", 1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\0122\015\012de\015\0120\015\012\015\012", 67, 0, 0, NULL, 0, 67, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 4, {
    { "read", 4, S("abcd", 4, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read", 0, S("", 0, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read", 1, S("e", 1, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read", 1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\0122\015\012de\015\0120\015\012\015\012", 67, 0, 0, NULL, 0, 67, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 3, {
    { "read", 0, S("", 0, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read", 5, S("abcde", 5, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read", 1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\0125\015\012d\012efg\015\0122\015\012ij\015\0120\015\012\015\012", 77, 0, 0, NULL, 0, 77, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 3, {
    { "readline", -1, S("abcd\012", 5, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "readline", -1, S("efgij", 5, 0), NULL, S(NULL, 0, 0), 1, -1 },
    { "readline", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\0125\015\012defgh\015\0122\015\012ij\015\0120\015\012\015\012", 77, 0, 0, NULL, 0, 77, "GET", 0,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 3, {
    { "readline", 5, S("abcdefgh", 8, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "readline", 5, S("ij", 2, 0), NULL, S(NULL, 0, 0), 1, -1 },
    { "readline", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\0125\015\012defgh\015\0120\015\012\015\012", 70, 0, 0, NULL, 0, 70, "GET", 0,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 7, {
    { "read1", -1, S("abc", 3, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read1", 2, S("de", 2, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "peek", -1, S("fgh", 3, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read1", -1, S("fgh", 3, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read1", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
    { "peek", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
    { "read1", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012ab", 52, 0, 0, NULL, 0, 52, "GET", 0,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 2, {
    { "read1", -1, S("ab", 2, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read1", -1, S("", 0, 0), "IncompleteRead", S("IncompleteRead(0 bytes read)", 28, 0), 0, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\012zz\015\012abc", 54, 0, 0, NULL, 0, 54, "GET", 0,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 2, {
    { "peek", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
    { "read", -1, S("", 0, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc\015\012zz\015\012", 59, 0, 0, NULL, 0, 59, "GET", 0,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 2, {
    { "read1", -1, S("abc", 3, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read1", -1, S("", 0, 0), "IncompleteRead", S("IncompleteRead(0 bytes read)", 28, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0123\015\012abc", 53, 0, 0, NULL, 0, 53, "GET", 0,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 2, {
    { "read", 3, S("abc", 3, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read1", -1, S("", 0, 0), "IncompleteRead", S("IncompleteRead(0 bytes read, 2 more expected)", 45, 0), 0, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\012-2\015\012abcdefgh", 59, 0, 0, NULL, 0, 59, "GET", 0,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 2, {
    { "peek", -1, S("abcdef", 6, 0), NULL, S(NULL, 0, 0), 0, -1 },
    { "read1", 2, S("abcdefgh", 8, 0), NULL, S(NULL, 0, 0), 0, -1 },
  } },
{ "HTTP/1.0 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0121\015\012x\015\0120\015\012\015\012", 58, 0, 0, NULL, 0, 58, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 10, 1, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("x", 1, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\012", 47, 48, 65533, "1\015\012x\015\0120\015\012\015\012", 11, 65591, "GET", 2,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("x", 1, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\012", 47, 48, 65534, "1\015\012x\015\0120\015\012\015\012", 11, 65592, "GET", 2,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("", 0, 0), "LineTooLong", S("got more than 65536 bytes when reading chunk size", 49, 0), 0, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0121\015\012x\015\0120\015\012", 56, 116, 65534, "\015\012\015\012", 4, 65594, "GET", 2,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("x", 1, 0), NULL, S(NULL, 0, 0), 1, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\0121\015\012x\015\0120\015\012", 56, 116, 65535, "\015\012\015\012", 4, 65595, "GET", 2,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", -1, S("", 0, 0), "LineTooLong", S("got more than 65536 bytes when reading trailer line", 51, 0), 0, -1 },
  } },
{ "HTTP/1.1 200 OK\015\012Transfer-Encoding: chunked\015\012\015\012FFFFFFFFFFFFFFFFFFFFFFFF\015\012abc", 76, 0, 0, NULL, 0, 76, "GET", 1,
  NULL, S(NULL, 0, 0), 200, 11, 0, 1, -1, S("OK", 2, 0), S("Transfer-Encoding\001chunked\002", 26, 0), 1, {
    { "read", 2, S("ab", 2, 0), NULL, S(NULL, 0, 0), 0, -1 },
  } },
