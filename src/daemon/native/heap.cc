// berthd tells V8 and glibc that it is idle. Start-up (reading the
// database, restoring containers, loading every route's modules) grows V8's
// young generation to 8 MB of which little stays in use, and V8 gives that
// back only when its memory reducer runs, some 8 s later; a fresh berthd sat
// at 67 MiB until then, 60 MiB after. LowMemoryNotification does now what
// the reducer would do then (full GCs that shrink the heap), and
// malloc_trim(0) returns glibc's freed pages. Called once start-up is done.
//
// This is the one module that uses V8's own C++ API rather than N-API (N-API
// has no such call), so it is tied to the node it was built with; a node
// that refuses to load it just leaves the memory to the reducer.
#include <malloc.h>
#include <node.h>
#include <v8.h>

namespace {

void Idle(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetIsolate()->LowMemoryNotification();
  malloc_trim(0);
}

void Init(v8::Local<v8::Object> exports) {
  NODE_SET_METHOD(exports, "idle", Idle);
}

}  // namespace

NODE_MODULE(NODE_GYP_MODULE_NAME, Init)
