/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough of the kernel's API for the module's pure policy code
 * (hidx, glob, match_path, match_net, policy_src, policy) to build in a
 * userspace benchmark, unchanged.
 */
#ifndef DMZG_KSHIM_H
#define DMZG_KSHIM_H

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef int32_t __s32;
typedef int64_t __s64;
typedef uint32_t __be32;
typedef uint16_t __be16;

#define U8_MAX UINT8_MAX
#define U16_MAX UINT16_MAX
#define U32_MAX UINT32_MAX
#define GFP_KERNEL 0
#define READ_ONCE(x) (x)
#define WRITE_ONCE(x, v) ((x) = (v))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define likely(x) (x)
#define unlikely(x) (x)
#define fallthrough __attribute__((__fallthrough__))
#define __rcu
#define offsetofend(T, m) (offsetof(T, m) + sizeof(((T *)0)->m))
#define struct_size(p, member, n) (sizeof(*(p)) + sizeof(*(p)->member) * (n))
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

static inline void *kmalloc(size_t n, int gfp) { (void)gfp; return malloc(n); }
static inline void *kzalloc(size_t n, int gfp) { (void)gfp; return calloc(1, n); }
static inline void *kcalloc(size_t n, size_t s, int gfp)
{ (void)gfp; return calloc(n, s); }
static inline void *kvcalloc(size_t n, size_t s, int gfp)
{ (void)gfp; return calloc(n, s); }
static inline void *kvmalloc_array(size_t n, size_t s, int gfp)
{ (void)gfp; return n && s > SIZE_MAX / n ? NULL : malloc(n * s); }
static inline void *kvmalloc(size_t n, int gfp) { (void)gfp; return malloc(n); }
static inline void kfree(const void *p) { free((void *)p); }
static inline void kvfree(const void *p) { free((void *)p); }
static inline char *kstrdup(const char *s, int gfp)
{ (void)gfp; return s ? strdup(s) : NULL; }
static inline long strscpy(char *d, const char *s, size_t n)
{
	size_t l = strnlen(s, n);

	if (!n)
		return -E2BIG;
	if (l == n) {
		memcpy(d, s, n - 1);
		d[n - 1] = '\0';
		return -E2BIG;
	}
	memcpy(d, s, l + 1);
	return (long)l;
}

static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	unsigned long r = 1;

	while (r < n)
		r <<= 1;
	return r;
}

/* Bitmaps */
#define BITS_PER_LONG (sizeof(long) * 8)
#define BITS_TO_LONGS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]
static inline void __set_bit(unsigned int nr, unsigned long *map)
{ map[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG); }
static inline bool test_bit(unsigned int nr, const unsigned long *map)
{ return map[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG) & 1; }
static inline unsigned int shim_next_bit(const unsigned long *map,
					 unsigned int size, unsigned int i)
{
	while (i < size && !test_bit(i, map))
		i++;
	return i;
}
static inline unsigned long __ffs(unsigned long word)
{ return __builtin_ctzl(word); }
#define for_each_set_bit(bit, map, size) \
	for ((bit) = shim_next_bit(map, size, 0); (bit) < (size); \
	     (bit) = shim_next_bit(map, size, (bit) + 1))

/* IPv6 */
#define s6_addr32 __in6_u.__u6_addr32
static inline bool ipv6_addr_v4mapped(const struct in6_addr *a)
{
	return !a->s6_addr32[0] && !a->s6_addr32[1] &&
	       a->s6_addr32[2] == htonl(0x0000ffff);
}

/* Lists */
struct list_head {
	struct list_head *next, *prev;
};
#define INIT_LIST_HEAD(h) do { (h)->next = (h); (h)->prev = (h); } while (0)
static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	n->prev = h->prev;
	n->next = h;
	h->prev->next = n;
	h->prev = n;
}
static inline void list_del(struct list_head *e)
{
	e->prev->next = e->next;
	e->next->prev = e->prev;
}
static inline bool list_empty(const struct list_head *h)
{ return h->next == h; }
#define list_entry(p, T, m) container_of(p, T, m)
#define list_for_each_entry(pos, head, m)				\
	for (pos = list_entry((head)->next, __typeof__(*pos), m);	\
	     &pos->m != (head);						\
	     pos = list_entry(pos->m.next, __typeof__(*pos), m))
#define list_for_each_entry_safe(pos, n, head, m)			\
	for (pos = list_entry((head)->next, __typeof__(*pos), m),	\
	     n = list_entry(pos->m.next, __typeof__(*pos), m);		\
	     &pos->m != (head);						\
	     pos = n, n = list_entry(n->m.next, __typeof__(*n), m))

static inline void cond_resched(void) { }

/* Counters and RCU: single-threaded here. */
typedef struct { long long counter; } atomic64_t;
#define atomic64_set(a, v) ((a)->counter = (v))
#define atomic64_inc(a) ((a)->counter++)
#define atomic64_read(a) ((a)->counter)
#define atomic64_inc_return(a) (++(a)->counter)
#define ATOMIC64_INIT(v) { (v) }

#define WARN_ON_ONCE(c) (c)

/* Rule counters' clock: the bench never reads it. */
typedef long long time64_t;
static inline time64_t ktime_get_real_seconds(void) { return 0; }

/* Error pointers */
#define MAX_ERRNO 4095
static inline void *ERR_PTR(long e) { return (void *)e; }
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline bool IS_ERR(const void *p)
{ return (unsigned long)p >= (unsigned long)-MAX_ERRNO; }
struct rcu_head { void *next; };

#endif
