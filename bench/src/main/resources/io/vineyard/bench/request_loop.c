/*
 * A non-Java client loop: the same trivial request N times over a UNIX socket, one at a time.
 *   request_loop vineyard SOCKET ID N   exists_request of object ID (decimal) in vineyardd's IPC
 *                                        protocol (8-byte little-endian length, then JSON)
 *   request_loop redis SOCKET KEY N     EXISTS KEY in RESP
 * Prints the mean time per request in microseconds, after N/4 untimed requests. Exits 1 (with the
 * reply on stderr) when a reply is not the expected "exists".
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int fd;
static char buf[1 << 16];

static void die(const char *what) { perror(what); exit(2); }

static void send_all(const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w <= 0) die("write");
    p += w;
    n -= (size_t)w;
  }
}

static void recv_all(char *p, size_t n) {
  while (n > 0) {
    ssize_t r = read(fd, p, n);
    if (r <= 0) die("read");
    p += r;
    n -= (size_t)r;
  }
}

/* one vineyard message: length, then JSON; returns the reply's length (in buf) */
static size_t vineyard_call(const char *json) {
  uint64_t len = strlen(json);
  char msg[512];
  memcpy(msg, &len, 8); /* x86-64 and aarch64 Linux are little-endian */
  memcpy(msg + 8, json, len);
  send_all(msg, 8 + len);
  uint64_t rlen;
  recv_all((char *)&rlen, 8);
  if (rlen >= sizeof(buf)) { fprintf(stderr, "reply of %llu bytes\n", (unsigned long long)rlen); exit(2); }
  recv_all(buf, rlen);
  buf[rlen] = 0;
  return rlen;
}

/* one RESP integer reply ":1\r\n" */
static void redis_call(const char *cmd, size_t n) {
  send_all(cmd, n);
  size_t got = 0;
  while (got < 2 || buf[got - 1] != '\n') {
    ssize_t r = read(fd, buf + got, sizeof(buf) - 1 - got);
    if (r <= 0) die("read");
    got += (size_t)r;
  }
  buf[got] = 0;
}

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s vineyard|redis SOCKET ID|KEY N\n", argv[0]);
    return 2;
  }
  int vineyard = strcmp(argv[1], "vineyard") == 0;
  long n = atol(argv[4]);
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  strncpy(addr.sun_path, argv[2], sizeof(addr.sun_path) - 1);
  fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) die(argv[2]);

  char request[512];
  size_t request_len;
  if (vineyard) {
    vineyard_call("{\"type\":\"register_request\",\"version\":\"0.24.4\",\"store_type\":\"Normal\","
                  "\"session_id\":0,\"username\":\"\",\"password\":\"\"}");
    request_len = (size_t)snprintf(request, sizeof(request), "{\"type\":\"exists_request\",\"id\":%s}", argv[3]);
  } else {
    request_len = (size_t)snprintf(request, sizeof(request), "*2\r\n$6\r\nEXISTS\r\n$%zu\r\n%s\r\n",
                                   strlen(argv[3]), argv[3]);
  }
  double t0 = 0;
  for (long i = -n / 4; i < n; i++) {
    if (i == 0) t0 = now_us();
    if (vineyard) {
      vineyard_call(request);
      if (!strstr(buf, "\"exists\":true")) { fprintf(stderr, "unexpected reply: %s\n", buf); return 1; }
    } else {
      redis_call(request, request_len);
      if (strcmp(buf, ":1\r\n") != 0) { fprintf(stderr, "unexpected reply: %s\n", buf); return 1; }
    }
  }
  printf("%.3f\n", (now_us() - t0) / n);
  return 0;
}
