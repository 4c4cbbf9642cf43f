"""Benchmarks of the smsworks emulator, side by side with the alternatives; results in bench/RESULTS.md."""
