/* The hello-world image's only program. Static, no stdio: one write(2). */
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__)
#define ARCH "amd64"
#elif defined(__aarch64__)
#define ARCH "arm64v8"
#elif defined(__arm__)
#define ARCH "arm32v7"
#elif defined(__i386__)
#define ARCH "i386"
#elif defined(__powerpc64__)
#define ARCH "ppc64le"
#elif defined(__s390x__)
#define ARCH "s390x"
#elif defined(__riscv)
#define ARCH "riscv64"
#else
#define ARCH "unknown"
#endif

static const char message[] =
    "\n"
    "Hello from Berth!\n"
    "This message shows that your installation appears to be working correctly.\n"
    "\n"
    "To generate this message, Berth took the following steps:\n"
    " 1. The berth client (or docker) contacted the berth daemon.\n"
    " 2. The berth daemon found the \"hello-world\" image, built on this machine\n"
    "    by images/build.\n"
    "    (" ARCH ")\n"
    " 3. The berth daemon created a new container from that image which runs the\n"
    "    executable that produces the output you are currently reading.\n"
    " 4. The berth daemon streamed that output to the client, which sent it\n"
    "    to your terminal.\n"
    "\n"
    "To try something more ambitious, you can run a busybox container with:\n"
    " $ berth run -it busybox sh\n"
    "\n";

int main(void) {
  const char *p = message;
  size_t left = sizeof(message) - 1;
  while (left > 0) {
    ssize_t n = write(1, p, left);
    if (n <= 0) return 1;
    p += n;
    left -= (size_t)n;
  }
  return 0;
}
