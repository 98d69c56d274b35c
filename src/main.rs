fn main() {
    blomlada::mount();
}
