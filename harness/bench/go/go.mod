module counterkatas/bench

go 1.19
