// SPDX-License-Identifier: GPL-2.0
/*
 * dmzg-fnv-pair: two loopback connect targets whose denial lines have the
 * same 32-bit FNV-1a hash, the way an attacker who knows the hash would
 * pick them.  Prints "ADDR1 PORT1 ADDR2 PORT2".
 *   dmzg-fnv-pair PROFILE
 * The hashed text is the start of dmzguard's denial line:
 *   "denied op=connect profile=PROFILE proto=tcp dst=127.0.0.X:PORT"
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS (1u << 22)

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

int main(int argc, char **argv)
{
	static uint32_t seen_hash[SLOTS], seen_what[SLOTS];
	char line[256];
	uint32_t x, p;

	if (argc != 2) {
		fprintf(stderr, "usage: dmzg-fnv-pair PROFILE\n");
		return 2;
	}
	for (x = 2; x < 255; x++) {
		for (p = 3000; p < 65000; p++) {
			uint32_t h, i;

			snprintf(line, sizeof(line),
				 "denied op=connect profile=%s proto=tcp dst=127.0.0.%u:%u",
				 argv[1], x, p);
			h = fnv1a(line);
			for (i = h % SLOTS; seen_what[i]; i = (i + 1) % SLOTS) {
				if (seen_hash[i] != h)
					continue;
				printf("127.0.0.%u %u 127.0.0.%u %u\n",
				       seen_what[i] >> 16, seen_what[i] & 0xffff,
				       x, p);
				return 0;
			}
			seen_hash[i] = h;
			seen_what[i] = x << 16 | p;
		}
	}
	fprintf(stderr, "no pair found\n");
	return 1;
}
