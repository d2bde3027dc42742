// sha256 off the event loop. A pull hashes every byte twice (the blob's
// digest and the layer's diffID): 400 MB for a 200 MB image, a quarter of a
// second of the event loop's time in node's crypto.Hash, during which no
// other layer's bytes are read, parsed or written.
//
// Here a hash is updated on a libuv worker thread (napi async work) with
// OpenSSL's EVP interface, the same code node's crypto runs (node exports
// its OpenSSL, so this links against nothing). The buffers are hashed where
// they are, never copied: the array that holds them is referenced until the
// work is done, and callers hand over chunks nobody writes to again.
//
//   const h = sha256();                // an External
//   await update(h, [buf1, buf2, ...]) // one update at a time per hash
//   final(h)                           // lowercase hex, once
#include <node_api.h>
#include <openssl/evp.h>
#include <stdlib.h>

typedef struct {
  EVP_MD_CTX *md;
  int busy;     // an update is running on a worker thread
  int finished; // final() was called
} hash_t;

typedef struct {
  hash_t *h;
  size_t n;
  const unsigned char **data;
  size_t *len;
  int failed;
  napi_ref bufs; // keeps the buffers alive while a worker reads them…
  napi_ref self; // …and the hash, whose finalizer would free it under the worker
  napi_deferred deferred;
  napi_async_work work;
} update_t;

static void free_hash(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  hash_t *h = data;
  EVP_MD_CTX_free(h->md);
  free(h);
}

static hash_t *hash_arg(napi_env env, napi_value v) {
  napi_valuetype t;
  void *p = NULL;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_external) return NULL;
  if (napi_get_value_external(env, v, &p) != napi_ok) return NULL;
  return p;
}

// sha256(): a fresh hash.
static napi_value js_sha256(napi_env env, napi_callback_info info) {
  (void)info;
  hash_t *h = calloc(1, sizeof *h);
  if (!h) return napi_throw_error(env, "ENOMEM", "out of memory"), NULL;
  h->md = EVP_MD_CTX_new();
  if (!h->md || EVP_DigestInit_ex(h->md, EVP_sha256(), NULL) != 1) {
    EVP_MD_CTX_free(h->md);
    free(h);
    return napi_throw_error(env, NULL, "sha256: OpenSSL could not start a hash"), NULL;
  }
  napi_value out;
  if (napi_create_external(env, h, free_hash, NULL, &out) != napi_ok) {
    free_hash(env, h, NULL);
    return NULL;
  }
  return out;
}

static void execute(napi_env env, void *data) {
  (void)env;
  update_t *u = data;
  for (size_t i = 0; i < u->n && !u->failed; i++) {
    if (EVP_DigestUpdate(u->h->md, u->data[i], u->len[i]) != 1) u->failed = 1;
  }
}

static void complete(napi_env env, napi_status status, void *data) {
  update_t *u = data;
  u->h->busy = 0;
  napi_delete_reference(env, u->bufs);
  napi_delete_reference(env, u->self);
  napi_value undef;
  napi_get_undefined(env, &undef);
  if (status == napi_ok && !u->failed) {
    napi_resolve_deferred(env, u->deferred, undef);
  } else {
    napi_value msg, err;
    napi_create_string_utf8(env, "sha256: update failed", NAPI_AUTO_LENGTH, &msg);
    napi_create_error(env, NULL, msg, &err);
    napi_reject_deferred(env, u->deferred, err);
  }
  napi_delete_async_work(env, u->work);
  free(u->data);
  free(u->len);
  free(u);
}

// update(hash, buffers): hashes the buffers in order on a worker thread.
static napi_value js_update(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  hash_t *h = argc > 0 ? hash_arg(env, argv[0]) : NULL;
  bool is_array = false;
  if (argc > 1) napi_is_array(env, argv[1], &is_array);
  if (!h || !is_array) return napi_throw_type_error(env, NULL, "update(hash, buffers): a hash from sha256() and an array of Buffers"), NULL;
  if (h->busy || h->finished) return napi_throw_error(env, NULL, "update: the hash is busy or finished"), NULL;
  uint32_t n = 0;
  napi_get_array_length(env, argv[1], &n);
  update_t *u = calloc(1, sizeof *u);
  if (!u) return napi_throw_error(env, "ENOMEM", "out of memory"), NULL;
  u->h = h;
  u->n = n;
  u->data = calloc(n ? n : 1, sizeof *u->data);
  u->len = calloc(n ? n : 1, sizeof *u->len);
  if (!u->data || !u->len) {
    free(u->data);
    free(u->len);
    free(u);
    return napi_throw_error(env, "ENOMEM", "out of memory"), NULL;
  }
  for (uint32_t i = 0; i < n; i++) {
    napi_value b;
    bool is_buffer = false;
    void *p = NULL;
    size_t len = 0;
    napi_get_element(env, argv[1], i, &b);
    napi_is_buffer(env, b, &is_buffer);
    if (!is_buffer || napi_get_buffer_info(env, b, &p, &len) != napi_ok) {
      free(u->data);
      free(u->len);
      free(u);
      return napi_throw_type_error(env, NULL, "update: every element must be a Buffer"), NULL;
    }
    u->data[i] = p;
    u->len[i] = len;
  }
  napi_value promise, name;
  napi_create_reference(env, argv[1], 1, &u->bufs);
  napi_create_reference(env, argv[0], 1, &u->self);
  napi_create_promise(env, &u->deferred, &promise);
  napi_create_string_utf8(env, "berth.sha256", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, execute, complete, u, &u->work);
  h->busy = 1;
  napi_queue_async_work(env, u->work);
  return promise;
}

// final(hash): the digest as lowercase hex; the hash is done afterwards.
static napi_value js_final(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  hash_t *h = argc > 0 ? hash_arg(env, argv[0]) : NULL;
  if (!h) return napi_throw_type_error(env, NULL, "final(hash): a hash from sha256()"), NULL;
  if (h->busy || h->finished) return napi_throw_error(env, NULL, "final: the hash is busy or finished"), NULL;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(h->md, md, &len) != 1) return napi_throw_error(env, NULL, "final: OpenSSL failed"), NULL;
  h->finished = 1;
  static const char hex[] = "0123456789abcdef";
  char out[2 * EVP_MAX_MD_SIZE];
  for (unsigned int i = 0; i < len; i++) {
    out[2 * i] = hex[md[i] >> 4];
    out[2 * i + 1] = hex[md[i] & 15];
  }
  napi_value s;
  napi_create_string_latin1(env, out, 2 * len, &s);
  return s;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"sha256", NULL, js_sha256, NULL, NULL, NULL, napi_default, NULL},
      {"update", NULL, js_update, NULL, NULL, NULL, napi_default, NULL},
      {"final", NULL, js_final, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
