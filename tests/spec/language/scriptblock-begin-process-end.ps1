1..3 | & {
    begin { 'start' }
    process { $_ * 10 }
    end { 'done' }
}
