// The system libcurl (libcurl4-openssl-dev) for Swift: curl_easy_setopt is variadic, which Swift
// cannot call, so each argument type gets a typed inline wrapper here.
#ifndef KVALITET_CCURL_SHIM_H
#define KVALITET_CCURL_SHIM_H
#include <curl/curl.h>

static inline CURLcode kvalitet_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode kvalitet_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode kvalitet_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode kvalitet_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*kvalitet_curl_read_callback)(char *buffer, size_t size, size_t count, void *context);

static inline CURLcode kvalitet_curl_set_read(CURL *handle, kvalitet_curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

static inline CURLcode kvalitet_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
