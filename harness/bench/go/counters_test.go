package bench

import (
	"runtime"
	"sync"
	"testing"
)

// BufferedCapacity is the buffered in-channel's capacity: the same as the JavaScript bench's
// (checks/kata-3/mutants/buffered-in.ts), so that the two compare like for like.
const BufferedCapacity = 4

// sink keeps the compiler from dropping the Gets.
var sink float64

// benchmarkAddAndGet is slide 10's benchmark, with as many goroutines as GOMAXPROCS (-cpu), as the
// JavaScript bench runs as many workers: each calls Add(42), and Get every 1000th iteration, all
// released at once. ns/op is the wall time over every goroutine's operations.
func benchmarkAddAndGet(b *testing.B, c Counter) {
	b.StopTimer()
	concurrency := runtime.GOMAXPROCS(0)
	var start, end sync.WaitGroup
	start.Add(1)
	end.Add(concurrency)
	n := b.N / concurrency
	got := make([]float64, concurrency)
	for g := 0; g < concurrency; g++ {
		go func(g int) {
			start.Wait()
			for i := 0; i < n; i++ {
				if i%1000 == 0 {
					got[g] = c.Get()
					continue
				}
				c.Add(42)
			}
			end.Done()
		}(g)
	}
	b.StartTimer()
	start.Done()
	end.Wait()
	b.StopTimer()
	for _, value := range got {
		sink += value
	}
}

func BenchmarkCounter(b *testing.B) {
	b.Run("mutex", func(b *testing.B) { benchmarkAddAndGet(b, &MutexCounter{}) })
	b.Run("channel", func(b *testing.B) { benchmarkAddAndGet(b, NewChannelCounter(0)) })
	b.Run("channel-buffered", func(b *testing.B) { benchmarkAddAndGet(b, NewChannelCounter(BufferedCapacity)) })
	b.Run("atomic", func(b *testing.B) { benchmarkAddAndGet(b, &AtomicCounter{}) })
	b.Run("cas-float", func(b *testing.B) { benchmarkAddAndGet(b, &CASFloatCounter{}) })
}
