// berth's few system calls that Node has no binding for: mount(2),
// umount2(2) and making a persistent network namespace. Without them every
// container start and exit spawned mount(8), umount(8) and unshare(1)+ip(8):
// a fork of the whole daemon and an exec each, a tenth of a `run --rm`.
//
// Each call runs on a libuv worker thread (napi async work), never on the
// event loop, and answers with a promise: rejected with an Error whose
// `code` is the errno name (EBUSY, EINVAL, ...) like Node's own fs errors.
// Option parsing lives in TypeScript (src/sys/native.ts): this file only
// makes the calls.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <node_api.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

enum op { OP_MOUNT, OP_UMOUNT, OP_NETNS };

typedef struct {
  enum op op;
  char *source, *target, *fstype, *data;
  unsigned long flags;
  int err;
  const char *where; // which step failed, for the message
  napi_deferred deferred;
  napi_async_work work;
} call_t;

static char *dup_arg(napi_env env, napi_value v) {
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_string) return NULL;
  size_t len = 0;
  napi_get_value_string_utf8(env, v, NULL, 0, &len);
  char *s = malloc(len + 1);
  if (!s) return NULL;
  napi_get_value_string_utf8(env, v, s, len + 1, &len);
  return s;
}

// A new network namespace, bind-mounted on `target` (an existing empty file)
// so it outlives every process, with its loopback up. Done on this worker
// thread: unshare(CLONE_NEWNET) moves only the calling thread, which goes
// back to the daemon's namespace before the thread serves anything else.
static int make_netns(call_t *c) {
  int self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (self < 0) return c->where = "open own netns", errno;
  int err = 0;
  if (unshare(CLONE_NEWNET) < 0) {
    err = errno, c->where = "unshare";
    close(self);
    return err;
  }
  if (mount("/proc/thread-self/ns/net", c->target, NULL, MS_BIND, NULL) < 0) {
    err = errno, c->where = "bind the namespace";
  } else {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) < 0) {
      err = errno, c->where = "read lo";
    } else {
      ifr.ifr_flags |= IFF_UP;
      if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) err = errno, c->where = "bring lo up";
    }
    if (s >= 0) close(s);
    if (err) umount2(c->target, MNT_DETACH);
  }
  // Back home whatever happened; a thread that cannot go back must not live on.
  if (setns(self, CLONE_NEWNET) < 0) abort();
  close(self);
  return err;
}

static void execute(napi_env env, void *p) {
  (void)env;
  call_t *c = p;
  c->err = 0;
  switch (c->op) {
    case OP_MOUNT:
      if (mount(c->source, c->target, c->fstype, c->flags, c->data) < 0) c->err = errno, c->where = "mount";
      break;
    case OP_UMOUNT:
      if (umount2(c->target, (int)c->flags) < 0) c->err = errno, c->where = "umount";
      break;
    case OP_NETNS:
      c->err = make_netns(c);
      break;
  }
}

static const char *errno_name(int e) {
  switch (e) {
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case EBUSY: return "EBUSY";
    case EINVAL: return "EINVAL";
    case EACCES: return "EACCES";
    case ENOTDIR: return "ENOTDIR";
    case ENODEV: return "ENODEV";
    case ENOMEM: return "ENOMEM";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EROFS: return "EROFS";
    case ENOTBLK: return "ENOTBLK";
    case EMFILE: return "EMFILE";
    default: return "EIO";
  }
}

static void complete(napi_env env, napi_status status, void *p) {
  call_t *c = p;
  if (status == napi_ok && c->err == 0) {
    napi_value undef;
    napi_get_undefined(env, &undef);
    napi_resolve_deferred(env, c->deferred, undef);
  } else {
    int e = c->err ? c->err : EIO;
    char msg[4200];
    snprintf(msg, sizeof msg, "%s %s: %s", c->where ? c->where : "call", c->target ? c->target : "", strerror(e));
    napi_value m, code, error, n;
    napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &m);
    napi_create_string_utf8(env, errno_name(e), NAPI_AUTO_LENGTH, &code);
    napi_create_error(env, code, m, &error);
    napi_create_int32(env, e, &n);
    napi_set_named_property(env, error, "errno", n);
    napi_reject_deferred(env, c->deferred, error);
  }
  napi_delete_async_work(env, c->work);
  free(c->source), free(c->target), free(c->fstype), free(c->data), free(c);
}

static napi_value start(napi_env env, call_t *c) {
  napi_value promise, name;
  napi_create_promise(env, &c->deferred, &promise);
  napi_create_string_utf8(env, "berth-sys", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, execute, complete, c, &c->work);
  napi_queue_async_work(env, c->work);
  return promise;
}

static double num_arg(napi_env env, napi_value v) {
  double d = 0;
  napi_get_value_double(env, v, &d);
  return d;
}

// mount(source, target, fstype, flags, data): every string may be null.
static napi_value js_mount(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 5) return napi_throw_type_error(env, NULL, "mount(source, target, fstype, flags, data)"), NULL;
  call_t *c = calloc(1, sizeof *c);
  if (!c) return napi_throw_error(env, "ENOMEM", "out of memory"), NULL;
  c->op = OP_MOUNT;
  c->source = dup_arg(env, argv[0]);
  c->target = dup_arg(env, argv[1]);
  c->fstype = dup_arg(env, argv[2]);
  c->flags = (unsigned long)num_arg(env, argv[3]);
  c->data = dup_arg(env, argv[4]);
  if (!c->target) {
    free(c->source), free(c->fstype), free(c->data), free(c);
    return napi_throw_type_error(env, NULL, "mount: target must be a string"), NULL;
  }
  return start(env, c);
}

// The calls whose arguments are a path and, optionally, flags.
static napi_value path_call(napi_env env, napi_callback_info info, enum op op, const char *usage) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  call_t *c = calloc(1, sizeof *c);
  if (!c) return napi_throw_error(env, "ENOMEM", "out of memory"), NULL;
  c->op = op;
  c->target = argc > 0 ? dup_arg(env, argv[0]) : NULL;
  c->flags = argc > 1 ? (unsigned long)num_arg(env, argv[1]) : 0;
  if (!c->target) return free(c), napi_throw_type_error(env, NULL, usage), NULL;
  return start(env, c);
}

// umount2(target, flags)
static napi_value js_umount2(napi_env env, napi_callback_info info) {
  return path_call(env, info, OP_UMOUNT, "umount2: target must be a string");
}

// makeNetns(file): see make_netns.
static napi_value js_make_netns(napi_env env, napi_callback_info info) {
  return path_call(env, info, OP_NETNS, "makeNetns: path must be a string");
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"mount", NULL, js_mount, NULL, NULL, NULL, napi_default, NULL},
    {"umount2", NULL, js_umount2, NULL, NULL, NULL, napi_default, NULL},
    {"makeNetns", NULL, js_make_netns, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
